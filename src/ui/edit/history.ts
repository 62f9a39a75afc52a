/**
 * Undo and redo: a history of applied changes with their inverses. Pure data and functions.
 * Changes in one group (a burst of typing in one field, arrow-key moves of one selection)
 * that come within {@link GROUP_WINDOW_MS} of each other become one step.
 */
import { batch, samePath, sameTarget, type DocChange } from './changes';

export interface HistoryEntry {
  change: DocChange;
  /** Applied to the document after `change`, gives the document before it. */
  inverse: DocChange;
  /** What the step did, for the undo button's title ("Undo: set replicas"). */
  label: string;
  /** Entries of one group that follow each other closely merge into one step. */
  group?: string;
  /** Wall time of the latest change in the entry, ms. */
  at: number;
}

export interface History {
  /** Oldest first; the last one is undone next. */
  past: readonly HistoryEntry[];
  /** The next one to redo is the last. */
  future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
export const GROUP_WINDOW_MS = 1500;
/** Older steps are forgotten past this many. */
export const MAX_STEPS = 300;

/** Two steps as one: the later change after the earlier, undone in the other order. */
function merge(first: HistoryEntry, second: HistoryEntry): HistoryEntry {
  const a = first.change;
  const b = second.change;
  let change: DocChange;
  let inverse: DocChange;
  if (a.type === 'set' && b.type === 'set' && sameTarget(a.target, b.target) && samePath(a.path, b.path)) {
    // Typing in one field: the last value wins and undo goes back to the first one's before.
    change = b;
    inverse = first.inverse;
  } else if (a.type === 'move' && b.type === 'move' && first.inverse.type === 'move' && second.inverse.type === 'move') {
    const later = new Set(b.moves.map((m) => m.id));
    const earlier = new Set(first.inverse.moves.map((m) => m.id));
    change = { type: 'move', moves: [...a.moves.filter((m) => !later.has(m.id)), ...b.moves] };
    inverse = { type: 'move', moves: [...first.inverse.moves, ...second.inverse.moves.filter((m) => !earlier.has(m.id))] };
  } else {
    change = batch([a, b]);
    inverse = batch([second.inverse, first.inverse]);
  }
  return { change, inverse, label: first.label, group: first.group, at: second.at };
}

/** Records an applied change; a new change forgets what could be redone. */
export function record(history: History, entry: HistoryEntry): History {
  const top = history.past[history.past.length - 1];
  if (top && entry.group !== undefined && top.group === entry.group && entry.at - top.at <= GROUP_WINDOW_MS) {
    return { past: [...history.past.slice(0, -1), merge(top, entry)], future: [] };
  }
  const past = [...history.past, entry];
  return { past: past.length > MAX_STEPS ? past.slice(past.length - MAX_STEPS) : past, future: [] };
}

/** Ends the burst on top: the next change in its group is a step of its own (the field lost focus). */
export function closeGroup(history: History): History {
  const top = history.past[history.past.length - 1];
  if (!top || top.group === undefined) return history;
  return { past: [...history.past.slice(0, -1), { ...top, group: undefined }], future: history.future };
}

/** Merges `entry` into the step on top whatever the time (an automatic layout after a load). */
export function recordInto(history: History, entry: HistoryEntry): History {
  const top = history.past[history.past.length - 1];
  if (!top) return record(history, entry);
  return { past: [...history.past.slice(0, -1), { ...merge(top, entry), label: top.label }], future: [] };
}

export function canUndo(history: History): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History): boolean {
  return history.future.length > 0;
}
