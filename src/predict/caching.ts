/**
 * Caches and CDNs under the independent reference model (THEORY.md): the hit rate of LRU by
 * the Che approximation (with a TTL, its extension in src/theory/cache.ts), of FIFO and
 * random replacement, and perfect LFU's as the bound for LFU.
 */
import type { NodeOf, Scenario, ScenarioNode } from '../model';
import { fifoHitRate, lfuHitRate, lruHitRate, lruTtlHitRate, zipfProbabilities } from '../theory';
import { readsPerMs, type Stream } from './flows';
import { arrivalFailures, station } from './stations';
import type { FailedAssumption, StationTheory } from './types';

/** The most objects whose probabilities a prediction sums over (it runs beside the app, not in a batch). */
export const MAX_THEORY_KEYS = 1_000_000;

/** The law of the objects a cache is asked for: each client's key law weighted by its reads (per path, for a CDN). */
function objectLaw(reads: { client: NodeOf<'client'>; perMs: number }[]): Float64Array | FailedAssumption {
  let n = 0;
  for (const r of reads) n += r.client.config.keys.count;
  if (n > MAX_THEORY_KEYS) return { id: 'closed-form', text: `${n.toLocaleString('en-US')} keys are too many to evaluate here (at most ${MAX_THEORY_KEYS.toLocaleString('en-US')})` };
  const total = reads.reduce((a, r) => a + r.perMs, 0);
  // Objects of different clients or paths are different objects unless they share both: key
  // k of any client on the same path is one object, so the laws add up key by key.
  const size = Math.max(...reads.map((r) => r.client.config.keys.count));
  const p = new Float64Array(size);
  for (const r of reads) {
    const k = r.client.config.keys;
    const law = k.distribution === 'zipf' ? zipfProbabilities(k.count, k.exponent) : new Float64Array(k.count).fill(1 / k.count);
    for (let i = 0; i < k.count; i++) p[i] += (law[i] * r.perMs) / total;
  }
  return p;
}

function keyFailures(node: ScenarioNode, inflow: Stream): FailedAssumption[] {
  const failed: FailedAssumption[] = [];
  if (inflow.keysFiltered !== null) failed.push({ id: 'independent-keys', text: `reads reach ${node.id} filtered: ${inflow.keysFiltered}` });
  return failed;
}

export function cacheTheory(node: NodeOf<'cache'>, inflow: Stream, scenario: Scenario, nodes: Map<string, ScenarioNode>): StationTheory {
  const cfg = node.config;
  const t = station(node, inflow);
  // A hit rate needs no Poisson arrivals, only independent keys; a TTL needs Poisson too.
  // (and a known rate: hashing upstream does not matter to one cache without a TTL).
  t.failed = arrivalFailures(node, inflow, scenario, 1).filter((f) => cfg.ttlMs !== null || (f.id !== 'poisson-arrivals' && f.id !== 'known-split'));
  t.failed.push(...keyFailures(node, inflow));
  const writers = inflow.flows.filter((f) => f.writeFraction > 0);
  if (writers.length > 0) {
    t.failed.push({ id: 'independent-keys', text: `${writers[0].client} writes (writeFraction ${writers[0].writeFraction}), and a write ${cfg.strategy === 'cache-aside' ? 'invalidates' : 'fills'} its entry: the model covers reads only` });
  }
  if (cfg.ttlMs !== null && cfg.eviction !== 'lru') t.failed.push({ id: 'closed-form', text: `no closed form for ${cfg.eviction} with a TTL (ttlMs ${cfg.ttlMs})` });
  const perMs = readsPerMs(inflow);
  t.inputs = { readsPerSec: perMs * 1000, capacity: cfg.capacity };
  if (t.failed.length > 0) return t;
  const clients = new Map<string, number>();
  for (const f of inflow.flows) clients.set(f.client, (clients.get(f.client) ?? 0) + f.perMs * (1 - f.writeFraction));
  const law = objectLaw([...clients].map(([id, r]) => ({ client: nodes.get(id) as NodeOf<'client'>, perMs: r })));
  if ('id' in law) {
    t.failed.push(law);
    return t;
  }
  t.inputs.keys = law.length;
  switch (cfg.eviction) {
    case 'lru':
      t.model = cfg.ttlMs === null ? 'Che (LRU)' : 'Che with TTL (LRU)';
      t.predictions.push({ field: 'hitRate', label: 'hit rate', value: cfg.ttlMs === null ? lruHitRate(law, cfg.capacity) : lruTtlHitRate(law, cfg.capacity, perMs, cfg.ttlMs), unit: 'fraction' });
      break;
    case 'fifo':
    case 'random':
      t.model = `${cfg.eviction === 'fifo' ? 'FIFO' : 'random replacement'} (independent references)`;
      t.predictions.push({ field: 'hitRate', label: 'hit rate', value: fifoHitRate(law, cfg.capacity), unit: 'fraction' });
      t.notes.push('an approximation less exact than Che’s for LRU: expect it within about two points');
      break;
    case 'lfu':
      t.model = 'perfect LFU (a bound)';
      t.predictions.push({ field: 'hitRate', label: 'hit rate, at most that of the C most popular keys', value: lfuHitRate(law, cfg.capacity), unit: 'fraction', bound: 'upper' });
      break;
  }
  return t;
}

export function cdnTheory(node: NodeOf<'cdn'>, inflow: Stream, scenario: Scenario, nodes: Map<string, ScenarioNode>): StationTheory {
  const cfg = node.config;
  const t = station(node, inflow);
  t.failed = arrivalFailures(node, inflow, scenario, 1);
  t.failed.push(...keyFailures(node, inflow));
  // Objects are (key, path) pairs of cacheable reads; writes pass by.
  const cacheable = inflow.flows.filter((f) => cfg.cacheablePaths.some((prefix) => f.path.startsWith(prefix)) && f.writeFraction < 1);
  const perMs = cacheable.reduce((a, f) => a + f.perMs * (1 - f.writeFraction), 0);
  t.inputs = { cacheableReadsPerSec: perMs * 1000, capacity: cfg.capacity, ttlMs: cfg.ttlMs };
  if (perMs === 0 && !t.failed.some((f) => f.id === 'traffic')) t.failed.push({ id: 'traffic', text: `no cacheable reads reach ${node.id}` });
  if (t.failed.length > 0) return t;
  // One law per cacheable path (clients on the same path share its objects, key by key).
  const byPath = new Map<string, Map<string, number>>();
  for (const f of cacheable) {
    const clients = byPath.get(f.path) ?? new Map<string, number>();
    clients.set(f.client, (clients.get(f.client) ?? 0) + f.perMs * (1 - f.writeFraction));
    byPath.set(f.path, clients);
  }
  const laws: { law: Float64Array; share: number }[] = [];
  let objects = 0;
  for (const clients of byPath.values()) {
    const reads = [...clients].map(([id, r]) => ({ client: nodes.get(id) as NodeOf<'client'>, perMs: r }));
    const law = objectLaw(reads);
    if ('id' in law) {
      t.failed.push(law);
      return t;
    }
    laws.push({ law, share: reads.reduce((a, r) => a + r.perMs, 0) / perMs });
    objects += law.length;
  }
  if (objects > MAX_THEORY_KEYS) {
    t.failed.push({ id: 'closed-form', text: `${objects.toLocaleString('en-US')} objects are too many to evaluate here` });
    return t;
  }
  const law = new Float64Array(objects);
  let at = 0;
  for (const l of laws) {
    for (let i = 0; i < l.law.length; i++) law[at + i] = l.law[i] * l.share;
    at += l.law.length;
  }
  t.model = 'Che with TTL (LRU)';
  t.inputs.objects = objects;
  t.predictions.push({ field: 'hitRate', label: 'hit rate of cacheable reads', value: lruTtlHitRate(law, cfg.capacity, perMs, cfg.ttlMs), unit: 'fraction' });
  return t;
}
