/**
 * A server's instances in rotation over the run (SPEC §4 `replicaTimeline`): one step a
 * change, the first at the start. Several changes at one instant are one step (a scheduled
 * step at 0 replaces the initial count), and a change back to the count before it at that
 * instant leaves no step at all. At most MAX_REPLICA_STEPS steps are kept; a run that
 * changes more often keeps its first ones and says so.
 */
import { MAX_REPLICA_STEPS } from '../../model';

/** From `atMs` on, `replicas` instances in rotation. */
export interface ReplicaStep {
  atMs: number;
  replicas: number;
}

export class ReplicaTimeline {
  private readonly steps: ReplicaStep[] = [];
  truncated = false;

  record(now: number, replicas: number): void {
    const steps = this.steps;
    const last = steps.length > 0 ? steps[steps.length - 1] : null;
    if (last !== null && last.atMs === now) {
      last.replicas = replicas;
      if (steps.length > 1 && steps[steps.length - 2].replicas === replicas) steps.pop();
    } else if (last === null || last.replicas !== replicas) {
      if (steps.length < MAX_REPLICA_STEPS) steps.push({ atMs: now, replicas });
      else this.truncated = true;
    }
  }

  /** A copy for a report. */
  toReport(): ReplicaStep[] {
    return this.steps.map((s) => ({ atMs: s.atMs, replicas: s.replicas }));
  }
}
