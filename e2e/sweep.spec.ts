/**
 * The Sweep panel (issue 12), as a person uses it: choose a field and a range, run, read the
 * charts and the table. An rps sweep over an M/M/1 draws the hockey stick and follows
 * W = 1/(μ − λ) at every point within its interval; a replicas sweep with a p99 target marks
 * the smallest count that holds it, between what Erlang C (one pooled queue) and independent
 * M/M/1 queues would need; the numbers are the CLI's, whatever the number of workers; a sweep
 * too large is refused naming the field.
 */
import { expect, test, type Page } from '@playwright/test';
import { planExperiment, runExperiment, studentTQuantile, type SweepResult } from '../src/engine/experiments';
import { parseScenario } from '../src/model';
import { mmcTimeQuantile } from '../src/theory';
import { openWith } from './helpers';

/** An M/M/1: Poisson arrivals into one worker with exponential service of mean 1 ms (μ = 1000/s). */
const MM1 = {
  version: 1,
  name: 'M/M/1',
  seed: 1,
  durationMs: 60_000,
  warmupMs: 2_000,
  nodes: [
    { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, config: { rps: 100 } },
    { id: 'web', kind: 'server', label: 'Web', position: { x: 300, y: 0 }, config: { replicas: 1, concurrency: 1, queueCapacity: 100_000, serviceTime: { dist: 'exponential', meanMs: 1 } } },
  ],
  edges: [{ id: 'e1', from: 'users', to: 'web', config: { latency: 0 } }],
};

interface Row {
  value: number;
  figures: Record<string, { mean: number; half: number | null }>;
  marked: boolean;
}

async function table(page: Page): Promise<Row[]> {
  return page.getByTestId('sweep-table').evaluate((t) =>
    [...t.querySelectorAll('tbody tr')].map((tr) => {
      const figures: Record<string, { mean: number; half: number | null }> = {};
      for (const td of tr.querySelectorAll('td')) {
        const d = (td as HTMLElement).dataset;
        figures[d.figure!] = { mean: Number(d.mean), half: d.half === undefined ? null : Number(d.half) };
      }
      return { value: Number((tr as HTMLElement).dataset.value), figures, marked: (tr as HTMLElement).dataset.marked === 'true' };
    }),
  );
}

async function sweep(page: Page, opts: { field: string; from: number; to: number; step: number; replications: number; workers?: number; target?: number }) {
  await page.getByTestId('sweep-field').selectOption(opts.field);
  for (const [input, v] of [
    ['from', opts.from],
    ['to', opts.to],
    ['step', opts.step],
    ['replications', opts.replications],
  ] as const) {
    await page.getByTestId(`sweep-${input}`).fill(String(v));
  }
  if (opts.target !== undefined) await page.getByTestId('sweep-target').fill(String(opts.target));
  if (opts.workers !== undefined) await page.getByTestId('sweep-workers').selectOption(String(opts.workers));
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
}

/** Each of k intervals widened so all k hold together with 95% confidence (Bonferroni). */
const familyWidening = (k: number, n: number) => studentTQuantile(1 - 0.05 / (2 * k), n - 1) / studentTQuantile(0.975, n - 1);

test('an rps sweep over an M/M/1 draws the hockey stick and follows W = 1/(μ − λ) within each point’s interval', async ({ page }) => {
  test.setTimeout(180_000);
  await openWith(page, MM1);
  await page.getByTestId('open-sweep').click();
  await expect(page.getByTestId('sweep-dialog')).toBeVisible();
  await sweep(page, { field: 'nodes.users.config.rps', from: 100, to: 900, step: 100, replications: 10 });
  const rows = await table(page);
  expect(rows.map((r) => r.value)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
  const widen = familyWidening(rows.length, 10);
  for (const r of rows) {
    const w = 1 / (1 - r.value / 1000); // ms, μ = 1 per ms
    const { mean, half } = r.figures['latencyMs.mean'];
    expect(half, `λ = ${r.value}`).not.toBeNull();
    expect(Math.abs(mean - w), `λ = ${r.value}/s: ${mean} vs W = ${w} ± ${half}`).toBeLessThanOrEqual(half! * widen);
    expect(half!).toBeLessThan(0.06 * w);
    // Nothing turned away: the queue is long enough.
    expect(r.figures.errorRate.mean).toBe(0);
  }
  // The hockey stick: p99 flat at first, then steep (theory: 4.6/(μ − λ) ms, 5.1 → 46).
  const p99 = rows.map((r) => r.figures['latencyMs.p99'].mean);
  for (let i = 1; i < p99.length; i++) expect(p99[i]).toBeGreaterThan(p99[i - 1]);
  expect(p99[8] - p99[7]).toBeGreaterThan(5 * (p99[1] - p99[0]));
  expect(p99[8]).toBeGreaterThan(35);
  // Throughput follows the offered rate.
  for (const r of rows) expect(Math.abs(r.figures.throughputRps.mean - r.value)).toBeLessThan(0.03 * r.value);
  // Every point is drawn on each chart.
  for (const id of ['sweep-latency-chart', 'sweep-throughput-chart', 'sweep-error-chart']) await expect(page.getByTestId(id)).toHaveAttribute('data-points', '9');
});

test('the sweep’s numbers are the CLI’s, on one worker or two', async ({ page }) => {
  test.setTimeout(120_000);
  const doc = { ...MM1, durationMs: 10_000, warmupMs: 1_000 };
  await openWith(page, doc);
  await page.getByTestId('open-sweep').click();
  const opts = { field: 'nodes.users.config.rps', from: 200, to: 600, step: 200, replications: 3 };
  await sweep(page, { ...opts, workers: 1 });
  const one = await table(page);
  await sweep(page, { ...opts, workers: 2 });
  const two = await table(page);
  expect(two).toEqual(one);
  await expect(page.getByTestId('sweep-progress')).toContainText('on 2 workers');
  // The CLI's planner and runner, here in Node: the same seeds per point, the same numbers.
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error('doc');
  const planned = planExperiment(parsed.scenario, { replications: 3, sweep: { path: opts.field, from: 200, to: 600, step: 200 } });
  if (!planned.ok) throw new Error('plan');
  const cli = runExperiment(planned.plan) as SweepResult;
  expect(one.map((r) => r.value)).toEqual(cli.sweep.points.map((p) => p.value));
  cli.sweep.points.forEach((p, i) => {
    expect(one[i].figures['latencyMs.p99'].mean).toBe(p.report.latencyMs.p99);
    expect(one[i].figures['latencyMs.mean'].mean).toBe(p.report.latencyMs.mean);
    expect(one[i].figures.throughputRps.mean).toBe(p.report.throughputRps);
    expect(one[i].figures['latencyMs.p99'].half).toBe('ci95' in p.report ? p.report.ci95.latencyMs.p99 : NaN);
  });
});

test('a replicas sweep with a p99 target marks the smallest count that holds it', async ({ page }) => {
  test.setTimeout(180_000);
  // 300 requests/s through a least-connections balancer to single-worker replicas of 10 ms.
  const doc = {
    version: 1,
    name: 'How many replicas?',
    seed: 5,
    durationMs: 40_000,
    warmupMs: 4_000,
    nodes: [
      { id: 'users', kind: 'client', label: 'Users', position: { x: 0, y: 0 }, config: { rps: 300 } },
      { id: 'lb', kind: 'loadBalancer', label: 'LB', position: { x: 250, y: 0 }, config: { algorithm: 'least-connections', processingTime: 0 } },
      { id: 'web', kind: 'server', label: 'Web', position: { x: 500, y: 0 }, config: { replicas: 2, concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 10 } } },
    ],
    edges: [
      { id: 'e1', from: 'users', to: 'lb', config: { latency: 0 } },
      { id: 'e2', from: 'lb', to: 'web', config: { latency: 0 } },
    ],
  };
  const target = 100;
  await openWith(page, doc);
  await page.getByTestId('open-sweep').click();
  await sweep(page, { field: 'nodes.web.config.replicas', from: 1, to: 10, step: 1, replications: 5, target });
  const rows = await table(page);
  const holds = rows.filter((r) => r.figures['latencyMs.p99'].mean <= target).map((r) => r.value);
  const smallest = Math.min(...holds);
  // The page marks the smallest count whose p99 (mean of its replications) is under the target.
  await expect(page.getByTestId('sweep-answer')).toHaveAttribute('data-marked', String(smallest));
  await expect(page.getByTestId('sweep-answer')).toContainText(`p99 ≤ ${target} ms`);
  expect(rows.filter((r) => r.marked).map((r) => r.value)).toEqual([smallest]);
  // Against theory: no balancer beats one pooled queue (M/M/c, Erlang C), and least-connections
  // does better than independent M/M/1 queues at λ/c each (p99 = ln 100/(μ − λ/c)).
  const pooled = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((c) => 300 / c < 100 && mmcTimeQuantile(0.3, 0.1, c, 0.99) <= target)!;
  const split = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((c) => 300 / c < 100 && (1000 * Math.log(100)) / (100 - 300 / c) <= target)!;
  expect(pooled).toBeLessThan(split);
  expect(smallest).toBeGreaterThanOrEqual(pooled);
  expect(smallest).toBeLessThanOrEqual(split);
  // Changing the target moves the mark without running again.
  await page.getByTestId('sweep-target').fill('1');
  await expect(page.getByTestId('sweep-answer')).toHaveAttribute('data-marked', '');
  await expect(page.getByTestId('sweep-answer')).toContainText('No swept value');
});

test('a sweep too large for the browser is refused, naming the field, and runs nothing', async ({ page }) => {
  await openWith(page, MM1);
  await page.getByTestId('open-sweep').click();
  await page.getByTestId('sweep-field').selectOption('nodes.users.config.rps');
  await page.getByTestId('sweep-from').fill('100');
  await page.getByTestId('sweep-to').fill('900');
  await page.getByTestId('sweep-step').fill('10');
  await page.getByTestId('sweep-replications').fill('10');
  await expect(page.getByTestId('sweep-replications-error')).toContainText('81 points of nodes.users.config.rps × 10 replications = 810 runs');
  await expect(page.getByTestId('sweep-run')).toBeDisabled();
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
});

test('a long sweep shows its progress point by point and stops on Cancel', async ({ page }) => {
  test.setTimeout(120_000);
  await openWith(page, { ...MM1, durationMs: 1_800_000 });
  await page.getByTestId('open-sweep').click();
  await page.getByTestId('sweep-field').selectOption('nodes.users.config.rps');
  await page.getByTestId('sweep-from').fill('100');
  await page.getByTestId('sweep-to').fill('900');
  await page.getByTestId('sweep-step').fill('100');
  await page.getByTestId('sweep-replications').fill('4');
  await page.getByTestId('sweep-run').click();
  const progress = page.getByTestId('sweep-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(progress).toHaveAttribute('data-total', '36');
  // The first point is drawn as soon as its runs are in, while the others still run.
  await expect(page.locator('[data-testid="sweep-table"] tbody tr[data-done="true"]').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('sweep-cancel').click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  const done = Number(await progress.getAttribute('data-done'));
  expect(done).toBeGreaterThanOrEqual(4);
  expect(done).toBeLessThan(36);
  await expect(progress).toContainText(`Cancelled after ${done} of 36 runs`);
  // Nothing more arrives once cancelled.
  await page.waitForTimeout(1500);
  expect(Number(await progress.getAttribute('data-done'))).toBe(done);
});
