/** A built-in scenario of the gallery: a document plus the words that make it a lesson. */
import type { ScenarioInput } from '../scenario';

export type GalleryGroup = 'growth' | 'tradeoff' | 'theory';

export const GALLERY_GROUPS: readonly { id: GalleryGroup; title: string; blurb: string }[] = [
  { id: 'growth', title: 'The growth path', blurb: 'One design grown step by step as traffic grows.' },
  { id: 'tradeoff', title: 'Trade-offs', blurb: 'One scenario per trade-off: a design, what goes wrong, and the change that fixes it.' },
  { id: 'theory', title: 'Queueing theory', blurb: 'Small systems whose numbers theory predicts: compare the run with the formula.' },
];

/**
 * A change to try, as a dotted path into the document (the CLI's `--sweep`
 * syntax: `nodes.<id>.config.<field>`, `edges.<id>.config.<field>`, or a
 * top-level field) and the value to set there.
 */
export interface TryChange {
  path: string;
  value: unknown;
}

export interface GalleryEntry {
  /** Stable, URL-safe; also the key of the entry's lesson check in the tests. */
  id: string;
  group: GalleryGroup;
  title: string;
  /** What to watch while it runs. */
  watch: string;
  /** What to change, and what happens then. */
  try: string;
  /** The change `try` describes, so a test (or a button) can make it. */
  tryChanges: readonly TryChange[];
  /** A scenario document (SPEC §3), as it would be written in a file. */
  document: ScenarioInput;
}
