/** Where a new node goes on the canvas, and the size every node has. */
import type { XY } from '../store';

/**
 * The size of every node on the canvas (the stylesheet's `.arch-node` uses the same numbers):
 * fixed, so live figures never make a node grow, and layout and placement know the size.
 */
export const NODE_W = 180;
export const NODE_H = 150;

/** The free place for a new node nearest to `want` (on a coarse grid), so it covers no other. */
export function freeSpot(want: XY, nodes: readonly { position: XY }[]): XY {
  const free = (p: XY) =>
    nodes.every((n) => Math.abs(n.position.x - p.x) >= NODE_W + 30 || Math.abs(n.position.y - p.y) >= NODE_H + 30);
  const candidates: XY[] = [];
  for (let i = -4; i <= 4; i++) {
    for (let j = -4; j <= 4; j++) candidates.push({ x: want.x + i * 100, y: want.y + j * 80 });
  }
  candidates.sort((a, b) => Math.hypot(a.x - want.x, a.y - want.y) - Math.hypot(b.x - want.x, b.y - want.y));
  return candidates.find(free) ?? want;
}
