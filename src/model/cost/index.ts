/** The cost model: what a document will cost to run, checked before a run (CLI) or Play (app). */
export { estimateCost, type CostEstimate, type EventItem, type MemoryItem } from './estimate';
export {
  checkBudget,
  DEFAULT_BUDGET,
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_MEMORY_MB,
  MAX_EVENTS,
  MAX_MEMORY_MB,
  type Budget,
  type BudgetCheck,
} from './budget';
export { BYTES, WORK } from './measured';
