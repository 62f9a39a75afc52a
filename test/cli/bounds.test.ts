/**
 * The CLI is bounded by construction (issue 11): each extreme that used to crash, hang or eat
 * gigabytes through `npm run sim` now ends with a run or a refusal (exit 2) that names the
 * field — in-process through `runCli`, and as a real process where the process is the point.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { InputTooLargeError, MAX_INPUT_BYTES, readLimited } from '../../src/cli/readInput';
import { BYTES, formatBytes } from '../../src/model';

const root = resolve(__dirname, '../..');
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function cli(doc: unknown, ...flags: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(['scenario.json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (_path, maxBytes) => {
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      if (Buffer.byteLength(text) > maxBytes) throw new InputTooLargeError(maxBytes);
      return text;
    },
    clock: () => 0,
  });
  return { code, stdout, stderr };
}

/** `npm run sim` as a real process on a document written to a temporary file (or a path). */
function sim(doc: unknown, flags: string[] = [], timeout = 60_000) {
  let file: string;
  if (typeof doc === 'object' && doc !== null && 'path' in doc) file = (doc as { path: string }).path;
  else {
    file = join(mkdtempSync(join(tmpdir(), 'archsim-')), 'scenario.json');
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  }
  return spawnSync('npm', ['run', '--silent', 'sim', '--', file, ...flags], { cwd: root, encoding: 'utf8', timeout });
}

const base = (nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}) => ({ version: 1, name: 'bounds', seed: 1, nodes, edges, ...extra });
const clientServer = (clientConfig: Record<string, unknown>, serverConfig: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  base(
    [
      { id: 'users', kind: 'client', config: clientConfig },
      { id: 'web', kind: 'server', config: serverConfig },
    ],
    [{ id: 'e1', from: 'users', to: 'web' }],
    extra,
  );

describe('extremes the schema used to accept', () => {
  it('rps 1e15 or 1e308, directly or in a rateSchedule: refused, naming the field (it used to stop the clock)', () => {
    for (const doc of [
      clientServer({ rps: 1e15 }),
      clientServer({ rps: 1e308 }),
      clientServer({ rps: 1, rateSchedule: [{ atMs: 10, rps: 1e15 }] }),
    ]) {
      const { code, stdout, stderr } = cli(doc, '--json');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/nodes\[0\]\.config\.(rps|rateSchedule\[0\]\.rps): must be a number ≤ 1000000/);
    }
  });

  it('healthCheck.intervalMs 1e-9: refused (the run used to spin forever)', () => {
    const doc = base(
      [
        { id: 'users', kind: 'client' },
        { id: 'lb', kind: 'loadBalancer', config: { healthCheck: { intervalMs: 1e-9 } } },
        { id: 'web', kind: 'server' },
      ],
      [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'web' },
      ],
    );
    const { code, stderr } = cli(doc);
    expect(code).toBe(2);
    expect(stderr).toContain('nodes[1].config.healthCheck.intervalMs: must be a number ≥ 1');
  });

  it('equal weights of 1e308: refused by the schema (smooth weighted round robin went NaN)', () => {
    const doc = base(
      [
        { id: 'users', kind: 'client' },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'weighted-round-robin' } },
        { id: 'a', kind: 'server' },
        { id: 'b', kind: 'server' },
      ],
      [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'a', config: { weight: 1e308 } },
        { id: 'e3', from: 'lb', to: 'b', config: { weight: 1e308 } },
      ],
    );
    const { code, stderr } = cli(doc);
    expect(code).toBe(2);
    expect(stderr).toContain('edges[1].config.weight: must be a number ≤ 1000000');
    expect(stderr).toContain('edges[2].config.weight: must be a number ≤ 1000000');
  });
});

describe('the cost model before a run', () => {
  const overloaded = clientServer({ rps: 5000 }, { concurrency: 1, queueCapacity: 10_000_000, serviceTime: 1 }, { durationMs: 3_600_000 });

  it('queueCapacity 10,000,000 at five times the load: refused, naming the field and what it costs', () => {
    const { code, stdout, stderr } = cli(overloaded, '--json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'scenario.json: the run would need more memory than allowed (raise the limit with --max-memory-mb)\n' +
        `nodes[1].config.queueCapacity: up to 10,000,000 queued requests ≈ ${formatBytes(1e7 * BYTES.queuedRequest)}; the limit is 256 MB\n`,
    );
  });

  it('--max-memory-mb sets the budget: the same document refused under a tight one runs under a roomy one', () => {
    const short = { ...overloaded, durationMs: 20_000 };
    // Up to 100,000 requests can reach the queue in 20 s: about 37 MB at today's bytes per request.
    const queueMb = (1e5 * BYTES.queuedRequest) / 2 ** 20;
    const tightMb = Math.floor(queueMb * 0.8);
    const tight = cli(short, '--max-memory-mb', String(tightMb));
    expect(tight.code).toBe(2);
    expect(tight.stderr).toContain(
      `nodes[1].config.queueCapacity: up to 100,000 queued requests (all that reach it in 20 s) ≈ ${formatBytes(1e5 * BYTES.queuedRequest)}; the limit is ${tightMb} MB`,
    );
    const roomy = cli(short, '--max-memory-mb', String(Math.ceil(queueMb * 2)), '--json');
    expect(roomy.code).toBe(0);
    expect(JSON.parse(roomy.stdout).nodes.web.meanQueueLength).toBeGreaterThan(10_000);
  });

  it('6 servers × 1,000 replicas × 10,000 virtual nodes: refused before anything is built', () => {
    const doc = base(
      [
        { id: 'users', kind: 'client' },
        { id: 'lb', kind: 'loadBalancer', config: { algorithm: 'consistent-hash', virtualNodes: 10_000 } },
        ...[0, 1, 2, 3, 4, 5].map((k) => ({ id: `s${k}`, kind: 'server', config: { replicas: 1000 } })),
      ],
      [{ id: 'in', from: 'users', to: 'lb' }, ...[0, 1, 2, 3, 4, 5].map((k) => ({ id: `e${k}`, from: 'lb', to: `s${k}` }))],
    );
    const { code, stderr } = cli(doc);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `nodes[1].config.virtualNodes: a consistent-hash ring of 60,000,000 points (6,000 instances × 10,000) ≈ ${formatBytes(6e7 * BYTES.ringPoint)}; the limit is 256 MB`,
    );
  });

  it('too many events: refused naming the rate and the duration; --max-events raises the bound', () => {
    const doc = clientServer({ rps: 100_000 }, { replicas: 10, concurrency: 100, serviceTime: 0.01 }, { durationMs: 86_400_000 });
    const { code, stderr } = cli(doc);
    expect(code).toBe(2);
    expect(stderr).toContain('the run would take more than 100,000,000 events');
    expect(stderr).toContain('nodes[0].config.rps: 100,000 requests/s × ≈ 4 events each over 86,400 s ≈ 3.5e10 events');
    expect(stderr).toContain('durationMs: ≈ 3.5e10 events in all over 86,400 s; the limit is 100,000,000 events');
    expect(cli(doc, '--max-events', '0').stderr).toContain('--max-events: must be an integer from 1 to 1000000000000');
    expect(cli(doc, '--duration', '100', '--json').code).toBe(0);
  });
});

describe('flags', () => {
  const doc = clientServer({ rps: 100 }, {}, { durationMs: 10_000, warmupMs: 2000 });

  it('--duration at or below the warm-up is refused like the same values in a document', () => {
    for (const d of ['2000', '1500']) {
      const { code, stdout, stderr } = cli(doc, '--json', '--duration', d);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`--duration: must be more than the document's warmupMs (2000), got ${d}\n`);
    }
    expect(cli({ ...doc, durationMs: 2000 }).stderr).toContain('warmupMs: must be less than durationMs (2000)');
    expect(cli(doc, '--json', '--duration', '2001').code).toBe(0);
  });

  it('--max-memory-mb takes a whole number of MB from 1 to 65536', () => {
    for (const bad of ['0', '-5', '1.5', 'lots', '65537', '']) {
      const { code, stderr } = cli(doc, '--max-memory-mb', bad);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^--max-memory-mb: must be an integer from 1 to 65536/);
    }
    expect(cli(doc, '--max-memory-mb=1', '--json').code).toBe(0);
  });

  it('echoes a hostile flag as text', () => {
    const { code, stderr } = cli(doc, '--\u001b[2Jboom');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('unknown flag "--\\u001b[2Jboom"');
  });
});

describe('input', () => {
  it('over 16 MB is refused with a message, in-process', () => {
    const { code, stderr } = cli(`{"version":1,"description":"${'x'.repeat(MAX_INPUT_BYTES)}"}`);
    expect(code).toBe(2);
    expect(stderr).toBe('scenario.json: the file is larger than 16 MB, the most a scenario document may be\n');
  });

  it('readLimited stops one byte past the limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archsim-'));
    writeFileSync(join(dir, 'ten'), '0123456789');
    expect(readLimited(join(dir, 'ten'), 10)).toBe('0123456789');
    expect(() => readLimited(join(dir, 'ten'), 9)).toThrow(InputTooLargeError);
  });

  it('/dev/zero and a 17 MB file are refused by the real process, at once', () => {
    for (const target of [{ path: '/dev/zero' }, `{"version":1}${' '.repeat(17 * 2 ** 20)}`]) {
      const p = sim(target, ['--json'], 30_000);
      expect(p.error).toBeUndefined(); // not killed by the timeout
      expect(p.status).toBe(2);
      expect(p.stderr).toMatch(/the file is larger than 16 MB/);
    }
  }, 90_000);

  it('20,000 unterminated [ gives a message, not a stack trace', () => {
    const { code, stderr } = cli('['.repeat(20_000));
    expect(code).toBe(2);
    expect(stderr).toBe('scenario.json: invalid scenario document\n(document): is not valid JSON: unexpected end of text at line 1, column 20001\n');
  });

  it('1 MB and 10 MB unknown keys give a one-line message at once', () => {
    for (const size of [1_000_000, 10_000_000]) {
      const { code, stderr } = cli(`{"version":1,"${'k'.repeat(size)}":1}`);
      expect(code).toBe(2);
      expect(stderr.length).toBeLessThan(300);
      expect(stderr).toContain(`(${size.toLocaleString('en-US')} characters)`);
    }
  }, 20_000);

  it('ESC and BEL in keys and edge targets never reach the terminal (real process)', () => {
    const doc = clientServer({ rps: 10, ['\u001b[31mrps\u0007']: 1 });
    (doc.edges[0] as Record<string, unknown>).to = 'web\u001b]0;pwned\u0007';
    const p = sim(doc);
    expect(p.status).toBe(2);
    expect(RAW_CONTROL.test(p.stderr)).toBe(false);
    expect(p.stderr).toContain('nodes[0].config["\\u001b[31mrps\\u0007"]: unknown field "\\u001b[31mrps\\u0007"');
    expect(p.stderr).toContain('edges[0].to: no node with id "web\\u001b]0;pwned\\u0007"');
  }, 60_000);

  it('a scenario name with control characters is escaped in the summary', () => {
    const { code, stdout } = cli({ ...clientServer({ rps: 10 }), name: 'evil\u001b[2J\u0007', durationMs: 1000 });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^evil\\u001b\[2J\\u0007 — seed 1/);
  });
});
