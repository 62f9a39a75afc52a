/**
 * Over the canvas while comparing: which design the canvas and inspector edit, a switch
 * between A and B, and the way back to A alone.
 */
import { editDesign, leaveCompare, useCompare } from './compareStore';
import './compare.css';

export default function CompareBanner() {
  const editing = useCompare((s) => s.editing);
  return (
    <div className={`compare-banner editing-${editing.toLowerCase()}`} data-testid="compare-banner" data-editing={editing}>
      <span className="compare-badge" aria-hidden>
        {editing}
      </span>
      <span className="compare-what" data-testid="compare-editing">
        {editing === 'A' ? 'Editing A, your design' : 'Editing B, a copy of A to change'}
      </span>
      <div className="compare-switch" role="group" aria-label="Design on the canvas">
        <button type="button" aria-pressed={editing === 'A'} data-testid="edit-a" onClick={() => editDesign('A')}>
          A
        </button>
        <button type="button" aria-pressed={editing === 'B'} data-testid="edit-b" onClick={() => editDesign('B')}>
          B
        </button>
      </div>
      <button type="button" className="link" data-testid="leave-compare" onClick={leaveCompare} title="Back to A alone; B is dropped">
        Leave compare
      </button>
    </div>
  );
}
