/**
 * Closed forms the simulation must agree with (THEORY.md): caches, queues, rate limits.
 * Pure functions with no imports beyond this folder, so tests, the CLI and the app can show
 * theory beside simulated numbers. Unlike the engine, these may use Math's transcendental
 * functions: they never feed a simulation, so bit-for-bit determinism is not at stake.
 */
export * from './cache';
export * from './queueing';
export * from './rateLimit';
