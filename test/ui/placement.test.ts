import { describe, expect, it } from 'vitest';
import { freeSpot, NODE_H, NODE_W } from '../../src/ui/canvas/placement';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H;

describe('freeSpot: where a node added by a click goes', () => {
  it('takes the wanted place when it is free', () => {
    expect(freeSpot({ x: 100, y: 100 }, [{ position: { x: 600, y: 600 } }])).toEqual({ x: 100, y: 100 });
  });

  it('moves off a node that is there', () => {
    const taken = { x: 100, y: 100 };
    const spot = freeSpot(taken, [{ position: taken }]);
    expect(overlaps(spot, taken)).toBe(false);
  });

  it('stays on screen when there is room there: never half under the canvas edge', () => {
    // A row of three nodes across the middle of a short view: the nearest free places are
    // above and below the row; only the one below fits in the view.
    const row = [0, 250, 500].map((x) => ({ position: { x, y: 200 } }));
    const visible = { x: -50, y: 150, width: 800, height: 460 };
    const unbounded = freeSpot({ x: 250, y: 200 }, row);
    expect(unbounded.y).toBeLessThan(visible.y); // what happened before: above the view's top
    const spot = freeSpot({ x: 250, y: 200 }, row, visible);
    expect(spot.x).toBeGreaterThanOrEqual(visible.x);
    expect(spot.y).toBeGreaterThanOrEqual(visible.y);
    expect(spot.x + NODE_W).toBeLessThanOrEqual(visible.x + visible.width);
    expect(spot.y + NODE_H).toBeLessThanOrEqual(visible.y + visible.height);
    for (const n of row) expect(overlaps(spot, n.position)).toBe(false);
  });

  it('with no room on screen, still a free place', () => {
    const taken = { x: 0, y: 0 };
    const spot = freeSpot(taken, [{ position: taken }], { x: 0, y: 0, width: NODE_W, height: NODE_H });
    expect(overlaps(spot, taken)).toBe(false);
  });
});
