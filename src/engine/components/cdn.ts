/**
 * cdn — an edge cache in front of its origin (SPEC §3.2), on the caching base
 * (cacheBase.ts) with LRU and a TTL. A read whose path starts with one of `cacheablePaths`
 * is looked up (an object is the pair path and key); a hit answers in the hit time, a miss
 * pays the lookup then goes to the origin and fills the edge. Every other call (another
 * path, a write) goes to the origin as it is.
 */
import type { CdnConfig } from '../../model';
import type { NodeReportBase } from '../api';
import { mix32 } from '../core/rng';
import type { Engine } from '../runtime/engine';
import { READ, type Call } from '../runtime/request';
import { CachingRuntime, type CachingStats } from './cacheBase';
import type { CacheOp } from './cacheParts';

export interface CdnReport extends NodeReportBase, CachingStats {
  kind: 'cdn';
  /** Calls sent to the origin as they were (uncacheable paths and writes). */
  passedThrough: number;
}

export class CdnRuntime extends CachingRuntime<CdnReport> {
  private readonly prefixes: readonly string[];
  /** Path index → 1 when the path is cacheable. */
  private cacheable = new Uint8Array(0);
  /** Objects are numbered key · paths + path when that fits an int32; else hashed. */
  private paths = 1;
  private exactKeys = true;
  private passedThrough = 0;

  constructor(
    engine: Engine,
    index: number,
    id: string,
    config: CdnConfig,
    private readonly maxKeys: number,
  ) {
    super(engine, index, id, 'cdn', config.capacity, 'lru', config.ttlMs, config.hitTime);
    this.prefixes = config.cacheablePaths;
  }

  override start(): void {
    super.start();
    // Every client has registered its paths by now (they do it when they are built).
    const paths = this.engine.paths;
    this.paths = Math.max(1, paths.length);
    this.exactKeys = this.maxKeys * this.paths <= 0x7fffffff;
    this.cacheable = Uint8Array.from(paths, (p) => (this.prefixes.some((prefix) => p.startsWith(prefix)) ? 1 : 0));
  }

  /** The object's number in the store: exact when it fits, else a hash (rare collisions). */
  private objectOf(key: number, path: number): number {
    return this.exactKeys ? key * this.paths + path : (mix32(key) ^ Math.imul(path + 1, 0x9e3779b1)) | 0;
  }

  protected handle(call: Call): void {
    const req = call.req;
    if (req.op === READ && this.cacheable[req.path] === 1) {
      this.read(call, this.objectOf(req.key, req.path));
      return;
    }
    if (req.measured) this.passedThrough++;
    this.pass(call);
  }

  protected onMiss(op: CacheOp): void {
    this.lookupThenForward(op);
  }

  override report(): CdnReport {
    return {
      ...this.baseCachingReport('cdn'),
      ...this.cachingStats(),
      passedThrough: this.passedThrough,
    };
  }
}
