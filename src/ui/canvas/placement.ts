/** Where a new node goes on the canvas, and the size every node has. */
import type { XY } from '../store';

/**
 * The size of every node on the canvas (the stylesheet's `.arch-node` uses the same numbers):
 * fixed, so live figures never make a node grow, and layout and placement know the size.
 */
export const NODE_W = 180;
export const NODE_H = 150;

/** The candidates' grid (the canvas's snap grid) and how far from the wanted place they go, in steps. */
const SPOT_STEP = 20;
const SPOT_REACH_X = 20;
const SPOT_REACH_Y = 16;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The free place for a new node nearest to `want` (on a coarse grid), so it covers no other;
 * within `visible` (the part of the canvas on screen) when there is room there, so a node
 * added by a click is never half hidden under the canvas's edge.
 */
export function freeSpot(want: XY, nodes: readonly { position: XY }[], visible?: Rect): XY {
  const free = (p: XY) =>
    nodes.every((n) => Math.abs(n.position.x - p.x) >= NODE_W + 30 || Math.abs(n.position.y - p.y) >= NODE_H + 30);
  const inside = (p: XY) =>
    !visible || (p.x >= visible.x && p.y >= visible.y && p.x + NODE_W <= visible.x + visible.width && p.y + NODE_H <= visible.y + visible.height);
  // Candidates on the snap grid (the document snaps to it, so a spot found is the spot used),
  // fine enough to find a gap as narrow as the view leaves beside a row of nodes.
  const base = { x: Math.round(want.x / SPOT_STEP) * SPOT_STEP, y: Math.round(want.y / SPOT_STEP) * SPOT_STEP };
  const candidates: XY[] = [];
  for (let i = -SPOT_REACH_X; i <= SPOT_REACH_X; i++) {
    for (let j = -SPOT_REACH_Y; j <= SPOT_REACH_Y; j++) candidates.push({ x: base.x + i * SPOT_STEP, y: base.y + j * SPOT_STEP });
  }
  candidates.sort((a, b) => Math.hypot(a.x - want.x, a.y - want.y) - Math.hypot(b.x - want.x, b.y - want.y));
  return candidates.find((p) => free(p) && inside(p)) ?? candidates.find(free) ?? want;
}
