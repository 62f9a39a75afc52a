/**
 * Runs an A/B comparison in Web Workers: pair i is A and B with seed + i (common random
 * numbers), the runs spread over as many workers as the browser has cores (at most four,
 * never more than there are runs), then one worker compares the pairs. Nothing runs on the
 * page's thread; cancelling ends the workers at once.
 */
import type { Scenario } from '../../model';
import { connectCompareWorker, type CompareWorkerConnection } from '../../worker/connectCompare';
import type { PairedComparison, ReplicationRun } from '../../worker/compareProtocol';

export interface ComparisonRequest {
  a: Scenario;
  b: Scenario;
  pairs: number;
  /** The first seed; B runs the very same seeds (A's). */
  seed: number;
  /** Each run's length; the designs' own when absent. */
  durationMs?: number;
  /** Windows in each run's series. */
  points: number;
  figures: string[];
}

export interface ComparisonOutcome {
  runsA: ReplicationRun[];
  runsB: ReplicationRun[];
  comparison: PairedComparison;
}

export interface ComparisonHandle {
  done: Promise<ComparisonOutcome>;
  cancel(): void;
}

export const MAX_COMPARE_WORKERS = 4;

export function workerCount(runs: number): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(MAX_COMPARE_WORKERS, cores, runs));
}

export function runComparison(request: ComparisonRequest, onProgress: (done: number, total: number) => void): ComparisonHandle {
  const total = request.pairs * 2;
  const jobs = Array.from({ length: total }, (_, i) => ({ side: i % 2 === 0 ? ('A' as const) : ('B' as const), pair: i >> 1 }));
  const runsA: ReplicationRun[] = new Array<ReplicationRun>(request.pairs);
  const runsB: ReplicationRun[] = new Array<ReplicationRun>(request.pairs);
  const workers: CompareWorkerConnection[] = Array.from({ length: workerCount(total) }, () => connectCompareWorker());
  let next = 0;
  let finished = 0;
  let cancelled = false;
  const end = () => {
    for (const w of workers) w.terminate();
  };

  async function drain(w: CompareWorkerConnection): Promise<void> {
    while (!cancelled && next < jobs.length) {
      const job = jobs[next++];
      const design = job.side === 'A' ? request.a : request.b;
      const seed = request.seed + job.pair;
      const run = await w.api.runReplication(design, seed, request.points, request.durationMs).catch((error: unknown) => {
        throw new Error(`Design ${job.side}, seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
      });
      (job.side === 'A' ? runsA : runsB)[job.pair] = run;
      onProgress(++finished, total);
    }
  }

  const done = (async () => {
    try {
      await Promise.all(workers.map(drain));
      if (cancelled) throw new Error('The comparison was cancelled.');
      const comparison = await workers[0].api.compare(
        runsA.map((r) => r.report),
        runsB.map((r) => r.report),
        request.figures,
      );
      return { runsA, runsB, comparison };
    } finally {
      end();
    }
  })();
  return {
    done,
    cancel() {
      cancelled = true;
      end();
    },
  };
}
