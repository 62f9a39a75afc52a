/** Command-line flags of `npm run sim` (a public contract: add flags, never rename them). */
import { MAX_REPLICATIONS, parseSweep, type SweepSpec } from '../engine/experiments';
import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_MEMORY_MB, MAX_EVENTS, MAX_MEMORY_MB, quote } from '../model';

/** An argument echoed in a message: escaped, and cut when very long. */
const shown = (v: string | undefined) => quote(v ?? '', 200);

export interface CliArgs {
  file: string;
  json: boolean;
  seed?: number;
  durationMs?: number;
  /** The memory budget, MB (default 256). */
  maxMemoryMb: number;
  /** The bound on a run's events (default 100,000,000). */
  maxEvents: number;
  /** Independent runs, seeds seed, seed + 1, … (SPEC §4.1); absent: one run. */
  replications?: number;
  /** One field varied over a range (SPEC §4.1). */
  sweep?: SweepSpec;
  /** Worker threads for replications and sweeps; absent: the machine's cores. */
  threads?: number;
}

/** The most worker threads `--threads` may ask for. */
export const MAX_THREADS = 256;

export const USAGE = `usage: npm run sim -- <scenario.json> [--json] [--seed N] [--duration MS]
                    [--max-memory-mb MB] [--max-events N]
                    [--replications N] [--sweep PATH=FROM:TO:STEP] [--threads T]

  --json             print the report (SPEC §4) as one JSON object on stdout
  --seed N           override the document's seed (an integer)
  --duration MS      override the document's durationMs (1 ms to 24 h, more than its warmupMs)
  --max-memory-mb MB the memory a run may need, as the cost model estimates it
                     (default ${DEFAULT_MAX_MEMORY_MB}, at most ${MAX_MEMORY_MB})
  --max-events N     the events a run may take, as the cost model estimates them
                     (default ${DEFAULT_MAX_EVENTS}, at most 1e12)
  --replications N   N independent runs (2 to ${MAX_REPLICATIONS}), seeds seed, seed + 1, …: the report's
                     numbers are their means, with "replications" and "ci95" (half-widths of
                     95% Student-t intervals); its wallMs is 0
  --sweep PATH=FROM:TO:STEP
                     vary one number of the document over a range, e.g.
                     nodes.users.config.rps=100:900:100 (nodes and edges by id, other lists
                     by index); prints {"sweep": {"path", "points": [{"value", "report"}]}}
  --threads T        worker threads for replications and sweeps (default: the machine's
                     cores, at most ${MAX_THREADS}); the output is the same whatever T is

A document is read up to 16 MB; one over budget is refused with the fields that cost the most.
Every sweep point is validated, and each run must fit the budget, as a document would.
exit codes: 0 ran, 2 invalid arguments or an invalid, unrunnable or over-budget document, 1 internal error`;

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; message: string; help?: boolean };

/** A whole number in [min, max] given as a flag's value, or a message. */
function wholeFlag(flag: string, v: string | undefined, min: number, max: number): number | string {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isSafeInteger(n) || n < min || n > max) {
    return `${flag}: must be an integer from ${min} to ${max}, got ${shown(v)}`;
  }
  return n;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let file: string | undefined;
  let json = false;
  let seed: number | undefined;
  let durationMs: number | undefined;
  let maxMemoryMb = DEFAULT_MAX_MEMORY_MB;
  let maxEvents = DEFAULT_MAX_EVENTS;
  let replications: number | undefined;
  let sweep: SweepSpec | undefined;
  let threads: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    const flagValue = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : value());
    const is = (flag: string) => a === flag || a.startsWith(`${flag}=`);
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') return { ok: false, message: USAGE, help: true };
    else if (is('--seed')) {
      const v = flagValue();
      const n = Number(v);
      if (v === undefined || v.trim() === '' || !Number.isSafeInteger(n)) return { ok: false, message: `--seed: must be an integer, got ${shown(v)}` };
      seed = n;
    } else if (is('--duration')) {
      const v = flagValue();
      const n = Number(v);
      if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 1 || n > 86_400_000) {
        return { ok: false, message: `--duration: must be a number of milliseconds from 1 to 86400000, got ${shown(v)}` };
      }
      durationMs = n;
    } else if (is('--max-memory-mb')) {
      const n = wholeFlag('--max-memory-mb', flagValue(), 1, MAX_MEMORY_MB);
      if (typeof n === 'string') return { ok: false, message: n };
      maxMemoryMb = n;
    } else if (is('--max-events')) {
      const n = wholeFlag('--max-events', flagValue(), 1, MAX_EVENTS);
      if (typeof n === 'string') return { ok: false, message: n };
      maxEvents = n;
    } else if (is('--replications')) {
      const n = wholeFlag('--replications', flagValue(), 2, MAX_REPLICATIONS);
      if (typeof n === 'string') return { ok: false, message: n };
      replications = n;
    } else if (is('--threads')) {
      const n = wholeFlag('--threads', flagValue(), 1, MAX_THREADS);
      if (typeof n === 'string') return { ok: false, message: n };
      threads = n;
    } else if (is('--sweep')) {
      const v = flagValue();
      if (v === undefined) return { ok: false, message: '--sweep: must be PATH=FROM:TO:STEP, got nothing' };
      const r = parseSweep(v);
      if (!r.ok) return { ok: false, message: r.message };
      sweep = r.spec;
    } else if (a.startsWith('-')) return { ok: false, message: `unknown flag ${shown(a)}\n${USAGE}` };
    else if (file === undefined) file = a;
    else return { ok: false, message: `only one scenario file, got ${shown(file)} and ${shown(a)}` };
  }
  if (file === undefined) return { ok: false, message: `no scenario file given\n${USAGE}` };
  return { ok: true, args: { file, json, seed, durationMs, maxMemoryMb, maxEvents, replications, sweep, threads } };
}
