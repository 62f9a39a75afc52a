/**
 * The fuzz harness: hands hostile cases to a few worker processes and keeps score. Each case
 * runs under a wall-clock guard: a worker that does not answer in time is killed (a hang,
 * detected rather than suffered) and replaced; a worker that dies mid-case (a stack overflow
 * that escaped, an out-of-memory abort) is a crash. `npm run fuzz` and a test in `npm test`
 * share it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Answer, Job } from './child';
import type { CheckOptions } from './check';

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Worker processes (default 2). */
  workers?: number;
  /** A case that takes longer than this, wall ms, is a hang (default 30 s). */
  timeoutMs?: number;
  /** Heap limit of each worker, MB: dying of it is a budget breach (default 2048). */
  workerHeapMb?: number;
  check?: Partial<CheckOptions>;
  /** Called after each case with the number done. */
  onProgress?: (done: number) => void;
}

export interface Finding {
  index: number;
  kind: string;
  what: 'crash' | 'hang' | 'budget breach' | 'violation' | 'generator error';
  detail: string;
}

export interface FuzzSummary {
  tried: number;
  refused: { invalid: number; overBudget: number; notRunnable: number };
  run: number;
  /** Runs that reached their end (the others were cut at the wall cap). */
  finished: number;
  crashes: number;
  hangs: number;
  budgetBreaches: number;
  violations: number;
  generatorErrors: number;
  slowestParse: { ms: number; index: number; kind: string };
  slowestRun: { ms: number; index: number; kind: string };
  peakRssBytes: number;
  peakHeapBytes: number;
  /** The largest heap growth while handling one case, bytes. */
  peakCaseHeapGrowth: number;
  byKind: Record<string, { tried: number; refused: number; run: number }>;
  findings: Finding[];
  wallMs: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const workers = options.workers ?? 2;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const heapMb = options.workerHeapMb ?? 2048;
  const check: CheckOptions = { runWallMs: 200, ...options.check };
  const started = Date.now();
  const s: FuzzSummary = {
    tried: 0,
    refused: { invalid: 0, overBudget: 0, notRunnable: 0 },
    run: 0,
    finished: 0,
    crashes: 0,
    hangs: 0,
    budgetBreaches: 0,
    violations: 0,
    generatorErrors: 0,
    slowestParse: { ms: 0, index: -1, kind: '' },
    slowestRun: { ms: 0, index: -1, kind: '' },
    peakRssBytes: 0,
    peakHeapBytes: 0,
    peakCaseHeapGrowth: 0,
    byKind: {},
    findings: [],
    wallMs: 0,
  };
  let next = 0;
  let done = 0;

  const tally = (kind: string, refused: boolean) => {
    const k = (s.byKind[kind] ??= { tried: 0, refused: 0, run: 0 });
    k.tried++;
    if (refused) k.refused++;
    else k.run++;
  };

  function record(answer: Answer): void {
    s.tried++;
    if (!answer.ok) {
      const what = answer.stage === 'generate' ? 'generator error' : 'crash';
      if (what === 'crash') s.crashes++;
      else s.generatorErrors++;
      s.findings.push({ index: answer.index, kind: answer.kind, what, detail: answer.stack });
      tally(answer.kind, true);
      return;
    }
    const r = answer.result;
    s.peakRssBytes = Math.max(s.peakRssBytes, answer.rss);
    s.peakHeapBytes = Math.max(s.peakHeapBytes, answer.heapUsed);
    s.peakCaseHeapGrowth = Math.max(s.peakCaseHeapGrowth, r.heapGrowth);
    if (r.parseMs > s.slowestParse.ms) s.slowestParse = { ms: r.parseMs, index: answer.index, kind: answer.kind };
    if (r.runMs > s.slowestRun.ms) s.slowestRun = { ms: r.runMs, index: answer.index, kind: answer.kind };
    if (r.outcome === 'run') {
      s.run++;
      if (r.finished) s.finished++;
    } else s.refused[r.outcome]++;
    tally(answer.kind, r.outcome !== 'run');
    if (r.budgetBreach) {
      s.budgetBreaches++;
      s.findings.push({ index: answer.index, kind: answer.kind, what: 'budget breach', detail: r.budgetBreach });
    }
    if (r.violations.length > 0) {
      s.violations++;
      s.findings.push({ index: answer.index, kind: answer.kind, what: 'violation', detail: r.violations.join('\n') });
    }
  }

  return new Promise((resolve) => {
    let live = 0;

    function finish(): void {
      s.wallMs = Date.now() - started;
      s.findings.sort((a, b) => a.index - b.index);
      resolve(s);
    }

    function spawnWorker(): void {
      live++;
      const child: ChildProcess = fork(CHILD, [], {
        execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      let current: number | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      let closed = false;

      const give = () => {
        if (next >= options.cases) {
          closed = true;
          child.kill();
          return;
        }
        current = next++;
        const job: Job = { seed: options.seed, index: current, check };
        child.send(job);
        timer = setTimeout(() => {
          // A hang: the case did not finish in time. Kill the worker and go on with a new one.
          s.tried++;
          s.hangs++;
          s.findings.push({ index: current!, kind: '?', what: 'hang', detail: `no answer within ${timeoutMs} ms` });
          done++;
          options.onProgress?.(done);
          current = null;
          closed = true;
          child.kill('SIGKILL');
          spawnWorker();
        }, timeoutMs);
      };

      child.on('message', (m: Answer | { ready: true }) => {
        if ('ready' in m) {
          give();
          return;
        }
        if (timer) clearTimeout(timer);
        current = null;
        record(m);
        done++;
        options.onProgress?.(done);
        give();
      });
      child.on('exit', (code, signal) => {
        if (timer) clearTimeout(timer);
        live--;
        if (!closed && current !== null) {
          // Died mid-case: out of memory is a budget breach, anything else a crash.
          const oom = /heap out of memory|Allocation failed/i.test(stderr);
          s.tried++;
          if (oom) s.budgetBreaches++;
          else s.crashes++;
          s.findings.push({
            index: current,
            kind: '?',
            what: oom ? 'budget breach' : 'crash',
            detail: `the worker died (exit ${code}, signal ${signal}): ${stderr.trim().slice(-1500)}`,
          });
          done++;
          options.onProgress?.(done);
          spawnWorker();
        } else if (!closed) {
          // Died before taking a case (it could not start): give up rather than loop.
          s.generatorErrors++;
          s.findings.push({ index: -1, kind: '?', what: 'generator error', detail: `a worker could not start: ${stderr.trim().slice(-1500)}` });
        }
        if (live === 0) finish();
      });
    }

    for (let w = 0; w < Math.min(workers, Math.max(1, options.cases)); w++) spawnWorker();
  });
}

/** One paragraph of counts, as `npm run fuzz` prints them. */
export function formatSummary(s: FuzzSummary): string {
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  const refused = s.refused.invalid + s.refused.overBudget + s.refused.notRunnable;
  const lines = [
    `tried ${s.tried} · refused ${refused} (invalid ${s.refused.invalid}, over budget ${s.refused.overBudget}, not runnable ${s.refused.notRunnable}) · run ${s.run} (${s.finished} to the end, the rest cut at the wall cap)`,
    `crashes ${s.crashes} · hangs ${s.hangs} · budget breaches ${s.budgetBreaches} · violations ${s.violations}${s.generatorErrors > 0 ? ` · generator errors ${s.generatorErrors}` : ''}`,
    `slowest parse ${s.slowestParse.ms.toFixed(0)} ms (case ${s.slowestParse.index}, ${s.slowestParse.kind}) · slowest run ${s.slowestRun.ms.toFixed(0)} ms (case ${s.slowestRun.index})`,
    `peak memory: worker RSS ${mb(s.peakRssBytes)}, worker heap ${mb(s.peakHeapBytes)}, largest heap growth in one case ${mb(s.peakCaseHeapGrowth)}`,
    `by class: ${Object.entries(s.byKind)
      .sort((a, b) => b[1].tried - a[1].tried)
      .map(([k, v]) => `${k} ${v.tried} (${v.run} run)`)
      .join(', ')}`,
    `wall time ${(s.wallMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}
