/**
 * What the UI knows about one node kind, in one place: its badge, palette hint, the facts its
 * node shows, the live figures it shows from each frame, its inspector sections and the config
 * fields a running simulation takes live. The model owns the label, description and schema
 * (`src/model/kinds`); the engine owns behaviour and whether the kind runs.
 */
import type { NodeConfig, NodeKind } from '../../model';
import type { LiveChange } from '../../worker/protocol';
import type { NodeChartName } from '../charts/specs';
import type { FigureName } from './figures';
import type { FieldTexts } from './fieldText';

/** A titled group of config fields in the inspector, in the order shown. */
export interface InspectorSection<C> {
  title: string;
  fields: readonly (keyof C & string)[];
}

/** Config fields a running simulation takes at once, and the live change each becomes. */
export type LiveFields<K extends NodeKind> = {
  [F in keyof NodeConfig<K>]?: (node: string, value: NodeConfig<K>[F]) => LiveChange;
};

export interface UiKindDescriptor<K extends NodeKind> {
  /** Two letters on the node and in the palette. */
  badge: string;
  /** The palette's one-line hint (the model's description is the tooltip). */
  paletteHint: string;
  /** At most three short lines about the configuration, shown on the node. */
  facts(config: NodeConfig<K>): string[];
  /** The frame figures the node shows while a run goes (and the inspector's live stats). */
  figures: readonly FigureName[];
  /** The node's own charts in the inspector, from the run's history. */
  charts: readonly NodeChartName[];
  /** Whether the node shows its instances as dots (up, down, starting). */
  instanceDots: boolean;
  /**
   * Inspector sections. A config field named in none of them still shows, under "More": a
   * field added to the schema appears in the inspector with no change here.
   */
  sections: readonly InspectorSection<NodeConfig<K>>[];
  /** Fields a running simulation applies live (everything else asks for a reset). */
  live: LiveFields<K>;
  /** False for kinds that only send (a client): wirings into it are refused. */
  receivesCalls: boolean;
  /**
   * The inspector's label, unit and one-line explanation of each config field, by dotted path
   * (`keys.count`, `rateSchedule[].atMs`). A field without a line still shows, labelled from
   * its name; `test/ui/inspectorSchema.test.ts` lists the ones missing.
   */
  fields: FieldTexts;
}

export type UiKindTable = { [K in NodeKind]: UiKindDescriptor<K> };
