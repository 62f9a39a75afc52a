/** Property: over random valid scenarios, no run throws and every request is accounted for. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/engine';
import { parseScenario } from '../../src/model';
import { arbScenario } from '../model/arbitraries';

describe('conservation over random scenarios', () => {
  it('generated = ok + error + rejected + timeout + inFlight, at the end and mid-run', () => {
    fc.assert(
      fc.property(arbScenario(), (doc) => {
        const parsed = parseScenario(doc);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const sim = createSimulation(parsed.scenario);
        for (const fraction of [0.37, 1]) {
          sim.runUntil(parsed.scenario.durationMs * fraction);
          const r = sim.report();
          const q = r.requests;
          expect(q.generated).toBe(q.ok + q.error + q.rejected + q.timeout + q.inFlight);
          expect(q.inFlight).toBeGreaterThanOrEqual(0);
          for (const n of Object.values(r.nodes)) {
            expect(n.utilization).toBeGreaterThanOrEqual(0);
            expect(n.utilization).toBeLessThanOrEqual(1 + 1e-9);
            expect(n.meanQueueLength).toBeGreaterThanOrEqual(-1e-9);
          }
          expect(Number.isFinite(r.latencyMs.p99)).toBe(true);
        }
        expect(sim.finished).toBe(true);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });
});
