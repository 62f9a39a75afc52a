/** The headless CLI: flags, exit codes, and field-level messages for bad documents. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';

const good = {
  version: 1,
  name: 'cli',
  seed: 3,
  durationMs: 3000,
  nodes: [
    { id: 'users', kind: 'client', config: { rps: 100 } },
    { id: 'lb', kind: 'loadBalancer' },
    { id: 'web', kind: 'server', config: { replicas: 2 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'lb' },
    { id: 'e2', from: 'lb', to: 'web' },
  ],
};

function cli(doc: unknown, ...flags: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runCli(['scenario.json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: () => (typeof doc === 'string' ? doc : JSON.stringify(doc)),
    clock: () => 0,
  });
  return { code, stdout, stderr };
}

const edit = (f: (d: typeof good & Record<string, unknown>) => void) => {
  const d = structuredClone(good) as typeof good & Record<string, unknown>;
  f(d);
  return d;
};

describe('npm run sim', () => {
  it('prints the report as JSON with --json, honouring --seed and --duration', () => {
    const { code, stdout } = cli(good, '--json', '--seed', '9', '--duration', '2000');
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.seed).toBe(9);
    expect(r.simulatedMs).toBe(2000);
    expect(r.nodes.lb.instances).toHaveLength(2);
    expect(r.requests.generated).toBeGreaterThan(100);
  });

  it('prints a summary for people without --json', () => {
    const { code, stdout } = cli(good);
    expect(code).toBe(0);
    expect(stdout).toMatch(/latency\s+mean/);
    expect(stdout.trimStart().startsWith('{')).toBe(false);
  });

  it('adds a line for each limiter, gateway and scaled server', () => {
    const { code, stdout } = cli({
      version: 1,
      durationMs: 5000,
      nodes: [
        { id: 'users', kind: 'client', config: { rps: 200, paths: { '/api': 0.5, '/static/a': 0.5 } } },
        { id: 'gw', kind: 'apiGateway', config: { routes: [{ pathPrefix: '/static', to: 'cdn' }] } },
        { id: 'rl', kind: 'rateLimiter', config: { ratePerSec: 50, burst: 5 } },
        { id: 'web', kind: 'server', config: { scaleSchedule: [{ atMs: 2000, replicas: 3 }] } },
        { id: 'cdn', kind: 'server' },
      ],
      edges: [
        { id: 'e0', from: 'users', to: 'gw' },
        { id: 'e1', from: 'gw', to: 'rl' },
        { id: 'e2', from: 'gw', to: 'cdn' },
        { id: 'e3', from: 'rl', to: 'web' },
      ],
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^gw: routes \/static \d+ · unmatched \d+$/m);
    expect(stdout).toMatch(/^rl: token-bucket \(global\) allowed \d+ · limited \d+$/m);
    expect(stdout).toMatch(/^web: replicas 1 at 0 s → 3 at 2 s$/m);
    expect(stdout).not.toMatch(/^cdn:/m);
  });

  const refusals: [string, unknown, RegExp[]][] = [
    ['negative rps', edit((d) => ((d.nodes[0].config as Record<string, unknown>).rps = -5)), [/nodes\[0\]\.config\.rps: must be a number ≥ 0/]],
    ['replicas 0', edit((d) => ((d.nodes[2].config as Record<string, unknown>).replicas = 0)), [/nodes\[2\]\.config\.replicas: must be an integer/]],
    ['an edge to a missing node', edit((d) => (d.edges[1].to = 'ghost')), [/edges\[1\]\.to: .*ghost/]],
    ['an unknown field', edit((d) => ((d.nodes[2].config as Record<string, unknown>).replica = 2)), [/nodes\[2\]\.config\.replica: unknown field/]],
    ['several problems at once', edit((d) => {
      (d.nodes[0].config as Record<string, unknown>).rps = -1;
      (d.nodes[2].config as Record<string, unknown>).replicas = 0;
    }), [/nodes\[0\]\.config\.rps/, /nodes\[2\]\.config\.replicas/]],
    ['a file that is not JSON', '{ "version": 1, nodes: [', [/not valid JSON/i]],
    ['a valid document that cannot run', edit((d) => (d.edges = [])), [/client "users" has no outgoing edge/, /load balancer "lb" has no outgoing edge/]],
  ];
  for (const [what, doc, messages] of refusals) {
    it(`refuses ${what} with exit 2 and a message naming the field`, () => {
      const { code, stdout, stderr } = cli(doc, '--json');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      for (const m of messages) expect(stderr).toMatch(m);
    });
  }

  it('refuses bad flags with exit 2', () => {
    expect(cli(good, '--seed', 'x').code).toBe(2);
    expect(cli(good, '--duration', '0').code).toBe(2);
    expect(cli(good, '--frobnicate').code).toBe(2);
  });

  it('is a real process with those exit codes (npm run sim)', () => {
    const root = resolve(__dirname, '../..');
    const out = execFileSync('npm', ['run', '--silent', 'sim', '--', 'examples/mm1.json', '--json', '--duration', '5000'], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out).simulatedMs).toBe(5000);
    const bad = spawnSync('npm', ['run', '--silent', 'sim', '--', 'package.json'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^version: /m);
    expect(bad.stderr).toMatch(/devDependencies: unknown field/);
    expect(readFileSync(resolve(root, 'examples/mm1.json'), 'utf8')).toContain('"version": 1');
  }, 60_000);
});
