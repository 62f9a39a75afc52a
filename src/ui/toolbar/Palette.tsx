/**
 * The palette: every node kind, added by a click (at the view's centre) or dragged onto the
 * canvas. A kind the engine does not simulate yet carries a "soon" mark; which kinds run comes
 * from the engine itself (through the worker), so the mark goes when the engine lands a kind.
 */
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { NODE_KINDS, kindDefinitions, type NodeKind } from '../../model';
import { freeSpot, NODE_H, NODE_W, type Rect } from '../canvas/placement';
import { uiKinds } from '../kinds';
import { useDocument, useSession } from '../store';
import { PALETTE_MIME } from './paletteDrag';

export function Palette() {
  const { screenToFlowPosition } = useReactFlow();
  const simulated = useSession((s) => s.simulatedKinds);

  function addAtCentre(kind: NodeKind) {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas
      ? screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    let visible: Rect | undefined;
    if (canvas) {
      const topLeft = screenToFlowPosition({ x: canvas.left, y: canvas.top });
      const bottomRight = screenToFlowPosition({ x: canvas.right, y: canvas.bottom });
      visible = { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
    }
    const spot = freeSpot({ x: centre.x - NODE_W / 2, y: centre.y - NODE_H / 2 }, useDocument.getState().scenario.nodes, visible);
    const id = useDocument.getState().addNode(kind, spot);
    if (id) useSession.getState().requestSelection({ nodeIds: [id], edgeIds: [] });
  }

  function onDragStart(event: DragEvent, kind: NodeKind) {
    event.dataTransfer.setData(PALETTE_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  }

  return (
    <nav className="palette" aria-label="Components">
      <h2>Components</h2>
      <p className="hint">Click to add, or drag onto the canvas.</p>
      <ul>
        {NODE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className={`palette-item kind-${kind}`}
              data-testid={`palette-${kind}`}
              draggable
              onDragStart={(e) => onDragStart(e, kind)}
              onClick={() => addAtCentre(kind)}
              title={kindDefinitions[kind].description}
            >
              <span className={`arch-node-badge badge-${kind}`} aria-hidden>
                {uiKinds[kind].badge}
              </span>
              <span className="palette-text">
                <span>{kindDefinitions[kind].label}</span>
                <span className="palette-hint">{uiKinds[kind].paletteHint}</span>
              </span>
              {simulated !== null && !simulated.includes(kind) && (
                <span className="soon" data-testid={`soon-${kind}`} title="Can be drawn and saved; the engine does not simulate it yet">
                  soon
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
