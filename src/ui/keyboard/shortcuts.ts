/**
 * Every keyboard shortcut, once: the key handler runs them and the `?` dialog lists them.
 * Delete and Backspace (remove), arrow keys (move the selection) and Enter (select the focused
 * node or edge) are React Flow's own, copy and paste the clipboard events' (`useClipboard.ts`);
 * they are listed here too.
 */
import { commands } from '../commands';

export interface Shortcut {
  /** How the keys are shown in the help dialog. */
  keys: string[];
  description: string;
  /** Matches a key event; absent for keys another part handles (React Flow's). */
  matches?: (e: KeyboardEvent) => boolean;
  run?: () => void;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (e: KeyboardEvent, k: string) => e.key.toLowerCase() === k;

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], description: 'Play or pause', matches: (e) => plain(e) && e.key === ' ', run: commands.togglePlay },
  { keys: ['.'], description: 'Step one frame', matches: (e) => plain(e) && e.key === '.', run: commands.step },
  { keys: ['Ctrl Z'], description: 'Undo', matches: (e) => mod(e) && !e.shiftKey && key(e, 'z'), run: commands.undo },
  { keys: ['Ctrl Shift Z', 'Ctrl Y'], description: 'Redo', matches: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || (!e.shiftKey && key(e, 'y'))), run: commands.redo },
  // Copy and paste go through the browser's clipboard events (useClipboard.ts), so a pasted
  // scenario's JSON opens it (library/PasteToOpen.tsx) and Ctrl+V still pastes copied nodes.
  { keys: ['Ctrl C'], description: 'Copy the selected nodes (with the calls between them)' },
  { keys: ['Ctrl V'], description: 'Paste copied nodes (fresh ids); pasted scenario JSON opens as a new design' },
  { keys: ['Ctrl D'], description: 'Duplicate the selected nodes', matches: (e) => mod(e) && !e.shiftKey && key(e, 'd'), run: commands.duplicate },
  { keys: ['Ctrl A'], description: 'Select everything on the canvas', matches: (e) => mod(e) && !e.shiftKey && key(e, 'a'), run: commands.selectAll },
  { keys: ['Delete', 'Backspace'], description: 'Delete the selection' },
  { keys: ['Shift-click', 'Shift-drag'], description: 'Add to the selection; select with a box (dragging on empty canvas boxes too)' },
  { keys: ['Tab', 'Enter'], description: 'Move focus to a node or call; Enter selects it' },
  { keys: ['← ↑ → ↓'], description: 'Move the selected nodes' },
  { keys: ['Menu', 'Shift F10'], description: 'Actions of the selected node or call: crash, recover, slow, partition, heal', matches: (e) => e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'), run: commands.openMenuForSelection },
  { keys: ['L'], description: 'Automatic layout, left to right by tier', matches: (e) => plain(e) && key(e, 'l'), run: () => void commands.layout() },
  { keys: ['F'], description: 'Zoom to fit', matches: (e) => plain(e) && key(e, 'f'), run: commands.fitView },
  { keys: ['Escape'], description: 'Close a menu or dialog; clear the selection', matches: (e) => e.key === 'Escape', run: commands.clearSelection },
  { keys: ['?'], description: 'This list', matches: (e) => e.key === '?', run: commands.help },
];

/** Whether the key belongs to what has focus: typing in a field, a menu, a dialog, a button's Space and Enter. */
export function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // An open dialog only: just after one closes, focus can sit a moment on its (hidden) button.
  if (target.closest('[role="menu"], dialog[open]')) return true;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return (key === ' ' || key === 'Enter') && ['BUTTON', 'SUMMARY', 'A'].includes(target.tagName);
}
