/** Undo, redo, layout, zoom to fit and the shortcuts dialog, as buttons (each also has a key). */
import { commands } from '../commands';
import { selectCanRedo, selectCanUndo, useDocument } from '../store';

export function EditControls() {
  const canUndo = useDocument(selectCanUndo);
  const canRedo = useDocument(selectCanRedo);
  const undoLabel = useDocument((s) => s.history.past.at(-1)?.label);
  const redoLabel = useDocument((s) => s.history.future.at(-1)?.label);
  return (
    <div className="edit-controls" role="toolbar" aria-label="Edit">
      <button type="button" data-testid="undo" disabled={!canUndo} onClick={commands.undo} title={undoLabel ? `Undo: ${undoLabel} (Ctrl Z)` : 'Undo (Ctrl Z)'}>
        ↶ <span className="label">Undo</span>
      </button>
      <button type="button" data-testid="redo" disabled={!canRedo} onClick={commands.redo} title={redoLabel ? `Redo: ${redoLabel} (Ctrl Shift Z)` : 'Redo (Ctrl Shift Z)'}>
        ↷ <span className="label">Redo</span>
      </button>
      <button type="button" data-testid="layout" onClick={() => void commands.layout()} title="Automatic layout, left to right by tier (L)">
        Layout
      </button>
      <button type="button" data-testid="fit" onClick={commands.fitView} title="Zoom to fit (F)">
        Fit
      </button>
      <button type="button" data-testid="help" onClick={commands.help} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </div>
  );
}
