/**
 * The scenario model: schema, types, defaults, migrations and validation.
 * Plain TypeScript with no DOM, React or engine imports: the engine (Node and
 * Web Worker), the CLI and the UI all load it.
 */
export {
  CURRENT_VERSION,
  nodeSchema,
  scenarioSchema,
  type NodeConfig,
  type NodeOf,
  type Position,
  type Scenario,
  type ScenarioInput,
  type ScenarioNode,
} from './scenario';
export {
  edgeConfigSchema,
  edgeSchema,
  type BulkheadConfig,
  type CircuitBreakerConfig,
  type EdgeConfig,
  type RetryConfig,
  type ScenarioEdge,
} from './edge';
export { FAULT_ACTIONS, NODE_FAULT_ACTIONS, faultSchema, type Fault, type FaultAction } from './fault';
export {
  DISTRIBUTIONS,
  distributionSchema,
  durationSchema,
  meanMs,
  type Distribution,
  type DistributionName,
  type Duration,
} from './duration';
export { ID_PATTERN, MAX_DURATION_MS, MAX_ENTRIES, MAX_USERS } from './fields';
export { NODE_KINDS, isNodeKind, kindDefinitions, type KindDefinition, type NodeKind } from './kinds';
export type { ClientConfig } from './kinds/client';
export { LOAD_BALANCING_ALGORITHMS, type HealthCheckConfig, type LoadBalancerConfig } from './kinds/loadBalancer';
export type { ApiGatewayConfig, GatewayRoute } from './kinds/apiGateway';
export { RATE_LIMIT_ALGORITHMS, type RateLimiterConfig } from './kinds/rateLimiter';
export { MAX_CONCURRENCY, MAX_REPLICA_STEPS, MAX_REPLICAS, type AutoscaleConfig, type ServerConfig } from './kinds/server';
export { CACHE_STRATEGIES, EVICTION_POLICIES, type CacheConfig } from './kinds/cache';
export type { CdnConfig } from './kinds/cdn';
export type { QueueConfig } from './kinds/queue';
export { APPLIED_WRITES_WINDOW_MS, MAX_APPLIED_WRITES, type DatabaseConfig } from './kinds/database';
export { createEdge, createNode, defaultConfig, nextId } from './defaults';
export { dropNodeRefs, renameNodeRefs, type DroppedRefs } from './nodeRefs';
export { populationOf, type Population } from './population';
export { MIGRATIONS, migrateDocument, type Migration, type MigrationResult, type RawDocument } from './migrations';
export { formatErrors, parseScenario, parseScenarioText, type FieldError, type ParseResult } from './validate';
export { DOCUMENT_PATH, formatPath } from './errors';
export {
  BYTES,
  WORK,
  checkBudget,
  DEFAULT_BUDGET,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_MEMORY_MB,
  estimateCost,
  MAX_EVENTS,
  MAX_MEMORY_MB,
  type Budget,
  type BudgetCheck,
  type CostEstimate,
  type EventItem,
  type MemoryItem,
} from './cost';
export { escapeInvisible, quote } from './printable';
export { formatBytes, formatCount } from './numberText';
export {
  MAX_COORDINATE,
  MAX_COUNT,
  MAX_RATE_PER_SEC,
  MAX_SCHEDULE_STEPS,
  MAX_WEIGHT,
  MIN_TIMER_INTERVAL_MS,
} from './fields';
export { MAX_EDGES, MAX_FAULTS, MAX_NODES } from './scenario';
export {
  LINK_PATH,
  MAX_LINK_DOCUMENT_BYTES,
  decodeSharePayload,
  encodeSharePayload,
  readShareFragment,
  shareFragment,
  type ShareFragment,
  type ShareLinkResult,
} from './shareLink';
export { exportFileName, exportScenarioText } from './documentText';
