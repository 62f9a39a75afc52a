/**
 * What the schema cannot say about a field: its name for people, its unit, a one-line
 * explanation, and the value an optional field takes when switched on. Keyed by scope (a node
 * kind, "edge" or "scenario") and the field's dotted path in the config (`retry.maxAttempts`,
 * `rateSchedule[].atMs`). A field missing here still shows, labelled from its name, with its
 * schema's `.describe()` text if it has one; `test/ui/inspectorSchema.test.ts` lists any that lack
 * an entry.
 */
import type { NodeKind } from '../../../model';

export interface FieldInfo {
  label: string;
  /** One line: what the field does, in the domain's words. */
  help: string;
  unit?: string;
  /** The value an optional field (null when off) takes when switched on. */
  onValue?: unknown;
  /** A text field that names a node: offered as a choice of the node's downstream nodes. */
  ref?: 'downstream';
}

export type Scope = NodeKind | 'edge';

const i = (label: string, help: string, unit?: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({ label, help, unit, ...extra });

/** The rate limiter's fields, also used by an API gateway's built-in `rateLimit`. */
const rateLimit = (prefix: string): Record<string, FieldInfo> => ({
  [`${prefix}algorithm`]: i('Algorithm', 'Token bucket allows bursts; leaky bucket smooths them; the window algorithms count per window.'),
  [`${prefix}ratePerSec`]: i('Rate', 'Token and leaky bucket: requests let through per second, on average.', '/s'),
  [`${prefix}burst`]: i('Burst', 'Token bucket: how many requests can pass at once after a quiet spell.', 'requests'),
  [`${prefix}queueSize`]: i('Queue size', 'Leaky bucket: requests that may wait to be let through; more are rejected.', 'requests'),
  [`${prefix}limit`]: i('Limit per window', 'Window algorithms: requests allowed in each window.', 'requests'),
  [`${prefix}windowMs`]: i('Window', 'Window algorithms: the length of one counting window.', 'ms'),
  [`${prefix}scope`]: i('Scope', 'Global: one limit for everyone; per user: each user has their own.'),
});

export const FIELD_INFO: { [S in Scope]: Record<string, FieldInfo> } = {
  client: {
    rps: i('Requests per second', 'The average rate this client sends; 0 pauses it. Changes a running simulation at once.', 'rps'),
    arrival: i('Arrivals', 'Poisson: random gaps, as real independent users; constant: evenly spaced.'),
    rateSchedule: i('Rate schedule', 'Step changes of the rate over time: spikes, ramps, a day’s curve.'),
    'rateSchedule[].atMs': i('At', 'When the new rate starts (simulated time).', 'ms'),
    'rateSchedule[].rps': i('Rate', 'The rate from then on.', 'rps'),
    users: i('Users', 'Distinct users; sessions, sticky routing and per-user limits key on them.', 'users'),
    keys: i('Keys', 'The data keys requests read and write, as caches and shards see them.'),
    'keys.count': i('Key count', 'How many distinct keys there are.', 'keys'),
    'keys.distribution': i('Key popularity', 'Uniform: every key alike; zipf: a few hot keys take most requests.'),
    'keys.exponent': i('Zipf exponent', 'Zipf only: higher means hotter hot keys (1 is typical).'),
    writeFraction: i('Write fraction', 'Share of requests that write rather than read (0 to 1).'),
    paths: i('Paths', 'Request paths and their relative weights; gateways and CDNs act on them.'),
    'paths{}': i('Weight', 'Relative share of requests with this path.'),
  },
  loadBalancer: {
    algorithm: i('Algorithm', 'How the next instance is chosen. Changes a running simulation at once.'),
    virtualNodes: i('Virtual nodes', 'Consistent hash: points per instance on the ring; more spreads keys more evenly.', 'per instance'),
    hashOn: i('Hash on', 'Consistent hash: route by the user or by the data key.'),
    stickySessions: i('Sticky sessions', 'A user keeps the instance it first reached while that instance is healthy.'),
    healthCheck: i('Health checks', 'Active probes take a dead instance out of rotation; without them it keeps getting traffic.'),
    'healthCheck.intervalMs': i('Probe every', 'Time between two probes of an instance.', 'ms'),
    'healthCheck.unhealthyAfter': i('Unhealthy after', 'Consecutive failed probes before an instance is taken out.', 'probes'),
    'healthCheck.healthyAfter': i('Healthy after', 'Consecutive good probes before it is put back.', 'probes'),
    processingTime: i('Processing time', 'Time the balancer itself spends on each request.'),
  },
  apiGateway: {
    routes: i('Routes', 'Path prefix → node; the first match wins, unmatched paths go to the first downstream node.'),
    'routes[].pathPrefix': i('Path prefix', 'Requests whose path starts with this.'),
    'routes[].to': i('To', 'The node those requests go to.', undefined, { ref: 'downstream' }),
    authTime: i('Auth time', 'Time spent authenticating each request.'),
    rateLimit: i('Rate limit', 'A built-in rate limiter in front of the routes.'),
    ...rateLimit('rateLimit.'),
  },
  rateLimiter: rateLimit(''),
  server: {
    replicas: i('Replicas', 'Instances of this service; a load balancer spreads over them. Changes a running simulation at once.', 'instances'),
    concurrency: i('Workers per replica', 'Requests one instance serves at the same time.', 'workers'),
    queueCapacity: i('Queue capacity', 'Requests that may wait per instance; a full queue rejects with 503.', 'requests'),
    serviceTime: i('Service time', 'CPU work per request, before any downstream call.'),
    errorRate: i('Error rate', 'Share of requests that fail at random (0 to 1).'),
    calls: i('Downstream calls', 'Sequential: one edge after another; parallel: all at once.'),
    io: i('I/O', 'Blocking holds the worker during downstream calls (thread per request); async frees it (event loop).'),
    sessions: i('Sessions', 'In-memory: a user’s session lives on one instance; another instance must rebuild it.'),
    sessionRebuildTime: i('Session rebuild', 'Extra time a request pays when its session is on another instance.'),
    autoscale: i('Autoscale', 'Adds and removes replicas on measured utilisation; new ones take traffic after a start-up time.'),
    'autoscale.min': i('Minimum', 'Never fewer replicas than this.', 'replicas'),
    'autoscale.max': i('Maximum', 'Never more replicas than this.', 'replicas'),
    'autoscale.targetUtilization': i('Target utilisation', 'Scale so the measured utilisation comes near this (0 to 1).'),
    'autoscale.evaluateEveryMs': i('Evaluate every', 'How often utilisation is measured and acted on.', 'ms'),
    'autoscale.cooldownMs': i('Cooldown', 'Wait after a scaling action before the next.', 'ms'),
    'autoscale.startupMs': i('Start-up time', 'A new replica takes traffic only after this.', 'ms'),
    scaleSchedule: i('Scale schedule', 'Planned changes of the replica count over time.'),
    'scaleSchedule[].atMs': i('At', 'When the change happens (simulated time).', 'ms'),
    'scaleSchedule[].replicas': i('Replicas', 'The replica count from then on.', 'instances'),
  },
  cache: {
    capacity: i('Capacity', 'Entries the cache holds; one more evicts a victim.', 'entries'),
    eviction: i('Eviction', 'Which entry goes when the cache is full: least recently used, least frequently used, oldest, or random.'),
    ttlMs: i('Time to live', 'Entries expire this long after they are written (off: never).', 'ms', { onValue: 60_000 }),
    strategy: i('Write strategy', 'Cache-aside invalidates on write; write-through writes both; write-back acknowledges at once and flushes later.'),
    flushDelayMs: i('Flush delay', 'Write-back: how long a dirty key waits before it is written downstream.', 'ms'),
    hitTime: i('Hit time', 'Time to answer from the cache.'),
    coalesceMisses: i('Coalesce misses', 'Concurrent misses on one key share one downstream read (stops a stampede).'),
  },
  cdn: {
    cacheablePaths: i('Cacheable paths', 'Path prefixes served from the edge; other paths always go to the origin.'),
    'cacheablePaths[]': i('Prefix', 'A cacheable path prefix.'),
    hitTime: i('Hit time', 'Time to answer from the edge.'),
    ttlMs: i('Time to live', 'How long an edge copy stays fresh.', 'ms'),
    capacity: i('Capacity', 'Entries held at the edge, evicted least recently used.', 'entries'),
  },
  queue: {
    capacity: i('Capacity', 'Messages the queue holds at most.', 'messages'),
    whenFull: i('When full', 'Reject: the producer gets a 503; block: the producer waits (backpressure).'),
    batchSize: i('Batch size', 'Messages a consumer worker pulls at a time.', 'messages'),
    maxAttempts: i('Max attempts', 'Deliveries of a failing message before it is dead-lettered (counts the first).', 'attempts'),
    durable: i('Durable', 'Queued messages survive a crash of the queue; otherwise they are lost.'),
  },
  database: {
    readTime: i('Read time', 'Time a read query takes on a connection.'),
    writeTime: i('Write time', 'Time a write query takes on the primary.'),
    connections: i('Connections', 'Pool size per primary and per replica; a query waits for a free one.', 'connections'),
    poolTimeoutMs: i('Pool timeout', 'How long a query waits for a connection before it errors.', 'ms'),
    pooling: i('Pooling', 'Off: every query first opens a connection and pays the connect time.'),
    connectTime: i('Connect time', 'Time to open a connection when pooling is off.'),
    readReplicas: i('Read replicas', 'Per shard; reads go round-robin to them and can be stale.', 'replicas'),
    replicationLag: i('Replication lag', 'How long a write takes to reach the replicas.'),
    shards: i('Shards', 'The data is split by key over this many primaries.', 'shards'),
    sharding: i('Sharding', 'Hash: keys spread evenly; range: neighbouring keys share a shard (hot ranges show).'),
  },
  edge: {
    latency: i('Network latency', 'Time on the wire, each way.'),
    timeoutMs: i('Timeout', 'The caller gives up after this; the callee keeps working (wasted work is real).', 'ms', { onValue: 1000 }),
    retry: i('Retries', 'Failed or timed-out calls are tried again, with exponential backoff.'),
    'retry.maxAttempts': i('Max attempts', 'Tries per call, the first one included.', 'attempts'),
    'retry.baseDelayMs': i('Base delay', 'Wait before the first retry.', 'ms'),
    'retry.multiplier': i('Multiplier', 'Each further wait is this many times the previous one.', '×'),
    'retry.maxDelayMs': i('Max delay', 'No wait is longer than this.', 'ms'),
    'retry.jitter': i('Jitter', 'Randomises the waits so retries do not come in waves (full: 0 to the delay; equal: half to the delay).'),
    'retry.respectRetryAfter': i('Respect Retry-After', 'Wait at least as long as a rate limiter asks.'),
    'retry.budgetRatio': i('Retry budget', 'Retries may add at most this share of the calls of the last 10 s (off: no budget).'),
    circuitBreaker: i('Circuit breaker', 'Stops calling a failing callee for a while; open calls fail fast.'),
    'circuitBreaker.failureRateThreshold': i('Failure threshold', 'Opens when this share of the calls in the window failed (0 to 1).'),
    'circuitBreaker.minimumCalls': i('Minimum calls', 'Calls in the window before the breaker may open.', 'calls'),
    'circuitBreaker.windowMs': i('Window', 'The span of recent calls the failure rate is measured over.', 'ms'),
    'circuitBreaker.openMs': i('Open for', 'How long the breaker stays open before it tries again.', 'ms'),
    'circuitBreaker.halfOpenCalls': i('Half-open calls', 'Trial calls let through to decide between closing and opening again.', 'calls'),
    bulkhead: i('Bulkhead', 'Caps the calls in flight on this edge; more are rejected at once.'),
    'bulkhead.maxConcurrent': i('Max concurrent', 'Calls in flight at most.', 'calls'),
    callsPerRequest: i('Calls per request', 'Sequential calls the caller makes for each request (the N+1 query pattern).', 'calls'),
    weight: i('Weight', 'Share of traffic under weighted round robin.'),
    fallback: i('Fallback', 'What an open breaker answers: an error, or a cheap degraded success.'),
    idempotencyKeys: i('Idempotency keys', 'The callee remembers applied request ids, so a retried write is applied once.'),
  },
};

/** Units a field's name implies when the table gives none. */
function unitFromName(name: string): string | undefined {
  if (/Ms$/.test(name)) return 'ms';
  if (/PerSec$/.test(name)) return '/s';
  return undefined;
}

/** "budgetRatio" → "Budget ratio". */
function labelFromName(name: string): string {
  const words = name.replace(/Ms$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The table key of a field path: `['rateSchedule', '[]', 'atMs']` → `rateSchedule[].atMs`. */
export function infoKey(path: readonly string[]): string {
  return path.join('.').replace(/\.(\[\]|\{\})/g, '$1');
}

/** What to show for a field: the table's entry, or one made from its name and description. */
export function fieldInfo(scope: Scope, path: readonly string[], description?: string): FieldInfo & { known: boolean } {
  const entry = FIELD_INFO[scope][infoKey(path)];
  if (entry) return { ...entry, known: true };
  const name = [...path].reverse().find((p) => p !== '[]' && p !== '{}') ?? '';
  return { label: labelFromName(name), help: description ?? '', unit: unitFromName(name), known: false };
}
