/**
 * A fuzz worker process: receives case numbers over IPC, makes each case itself (so no large
 * text crosses the pipe), checks it and answers with the result or the crash's stack.
 */
import { checkCase, type CheckOptions } from './check';
import { hostileCase } from './hostile';

export interface Job {
  seed: number;
  index: number;
  check: CheckOptions;
}

export type Answer =
  | { index: number; ok: true; result: ReturnType<typeof checkCase>; kind: string; rss: number; heapUsed: number }
  | { index: number; ok: false; stack: string; kind: string; stage: 'generate' | 'check' };

process.on('message', (job: Job) => {
  let kind = '?';
  let stage: 'generate' | 'check' = 'generate';
  let answer: Answer;
  try {
    const c = hostileCase(job.seed, job.index);
    kind = c.kind;
    stage = 'check';
    const result = checkCase(c.text, job.check);
    const mem = process.memoryUsage();
    answer = { index: job.index, ok: true, result, kind, rss: mem.rss, heapUsed: mem.heapUsed };
  } catch (e) {
    answer = { index: job.index, ok: false, kind, stage, stack: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  process.send!(answer);
});
process.send!({ ready: true });
