/**
 * What the app knows about the work on the canvas beyond the document itself: which library
 * design it is saved to (if any), whether it changed since it was opened, the library's list,
 * whether storage works, and the message about the last open, import, share or save.
 */
import { create } from 'zustand';
import { formatErrors, type FieldError, type Scenario } from '../../model';
import type { DesignMeta } from './designArchive';

export type StorageState = 'starting' | 'ready' | 'unavailable';

export interface DocumentMessage {
  tone: 'problem' | 'info';
  title: string;
  /** One line each, e.g. `nodes[3].config.replicas: must be an integer ≥ 1`. */
  lines: string[];
}

interface WorkState {
  /** The library design the work is saved to; null for an unsaved design. */
  designId: string | null;
  /** The gallery entry the work was opened from, for its "watch" and "try" words. */
  galleryId: string | null;
  /** The document as it was opened or restored: any other document means the work changed. */
  baseline: Scenario | null;
  dirty: boolean;
  /** Bumped whenever another design is opened, so views that fit to a design can refit. */
  openCount: number;
  /** Read-only embed mode (`#s=…&embed=1`): nothing is saved, nothing can be edited. */
  embed: boolean;
  storage: StorageState;
  /** Why storage does not work, shown once in a message. */
  storageProblem: string | null;
  designs: DesignMeta[];
  /** The time of the last successful autosave. */
  savedAt: number | null;
  message: DocumentMessage | null;
}

export const useWork = create<WorkState>()(() => ({
  designId: null,
  galleryId: null,
  baseline: null,
  dirty: false,
  openCount: 0,
  embed: false,
  storage: 'starting',
  storageProblem: null,
  designs: [],
  savedAt: null,
  message: null,
}));

/** At most this many field errors are listed; the rest are counted. */
const MAX_LINES = 12;

export function errorLines(errors: readonly FieldError[]): string[] {
  const lines = formatErrors(errors.slice(0, MAX_LINES)).split('\n');
  if (errors.length > MAX_LINES) lines.push(`… and ${errors.length - MAX_LINES} more`);
  return lines;
}

export function showProblem(title: string, errors: readonly FieldError[] | string[]): void {
  const lines = errors.length > 0 && typeof errors[0] === 'string' ? (errors as string[]) : errorLines(errors as FieldError[]);
  useWork.setState({ message: { tone: 'problem', title, lines } });
}

export function showInfo(title: string, lines: string[] = []): void {
  useWork.setState({ message: { tone: 'info', title, lines } });
}

export function dismissMessage(): void {
  useWork.setState({ message: null });
}
