/** Command-line flags of `npm run sim` (a public contract: add flags, never rename them). */
export interface CliArgs {
  file: string;
  json: boolean;
  seed?: number;
  durationMs?: number;
}

export const USAGE = `usage: npm run sim -- <scenario.json> [--json] [--seed N] [--duration MS]

  --json          print the report (SPEC §4) as one JSON object on stdout
  --seed N        override the document's seed (an integer)
  --duration MS   override the document's durationMs (1 ms to 24 h)

exit codes: 0 ran, 2 invalid arguments or an invalid or unrunnable document, 1 internal error`;

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; message: string; help?: boolean };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let file: string | undefined;
  let json = false;
  let seed: number | undefined;
  let durationMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') return { ok: false, message: USAGE, help: true };
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      const n = Number(v);
      if (v === undefined || v.trim() === '' || !Number.isSafeInteger(n)) return { ok: false, message: `--seed: must be an integer, got ${JSON.stringify(v ?? '')}` };
      seed = n;
    } else if (a === '--duration' || a.startsWith('--duration=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      const n = Number(v);
      if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 1 || n > 86_400_000) {
        return { ok: false, message: `--duration: must be a number of milliseconds from 1 to 86400000, got ${JSON.stringify(v ?? '')}` };
      }
      durationMs = n;
    } else if (a.startsWith('-')) return { ok: false, message: `unknown flag ${a}\n${USAGE}` };
    else if (file === undefined) file = a;
    else return { ok: false, message: `only one scenario file, got ${JSON.stringify(file)} and ${JSON.stringify(a)}` };
  }
  if (file === undefined) return { ok: false, message: `no scenario file given\n${USAGE}` };
  return { ok: true, args: { file, json, seed, durationMs } };
}
