/** The replica timeline's bookkeeping: one step a change, merged at one instant, bounded. */
import { describe, expect, it } from 'vitest';
import { ReplicaTimeline } from '../../src/engine/components/replicaTimeline';
import { MAX_REPLICA_STEPS } from '../../src/model';

describe('replica timeline', () => {
  it('records a step a change, none for a count that did not change, one for changes at one instant', () => {
    const t = new ReplicaTimeline();
    t.record(0, 2);
    t.record(0, 3); // a scheduled step at 0 replaces the initial count
    t.record(5, 3);
    t.record(10, 4);
    t.record(10, 6);
    t.record(20, 5);
    t.record(20, 6); // back to the count before, at the same instant: no step
    expect(t.toReport()).toEqual([
      { atMs: 0, replicas: 3 },
      { atMs: 10, replicas: 6 },
    ]);
    expect(t.truncated).toBe(false);
  });

  it('keeps its first MAX_REPLICA_STEPS steps and says it stopped', () => {
    const t = new ReplicaTimeline();
    for (let k = 0; k < MAX_REPLICA_STEPS + 5; k++) t.record(k, 1 + (k % 2));
    const steps = t.toReport();
    expect(steps).toHaveLength(MAX_REPLICA_STEPS);
    expect(steps.at(-1)).toEqual({ atMs: MAX_REPLICA_STEPS - 1, replicas: 1 + ((MAX_REPLICA_STEPS - 1) % 2) });
    expect(t.truncated).toBe(true);
  });
});
