/** A replica applies its shard's writes in commit order, each after its own lag, never overtaking. */
import { describe, expect, it } from 'vitest';
import type { Sampler } from '../../src/engine/core/distributions';
import { streamFor } from '../../src/engine/core/rng';
import { Shard } from '../../src/engine/components/databaseParts';
import { Engine } from '../../src/engine/runtime/engine';

/** Lags drawn from a fixed list, in order. */
function lags(values: number[]): Sampler {
  let i = 0;
  return { meanMs: 0, secondMoment: 0, isZero: false, sample: () => values[i++] };
}

describe('replication log', () => {
  it('applies in order: a write with a short lag waits for the one committed before it', () => {
    const engine = new Engine(1, 1_000, 0);
    const shard = new Shard(engine, 1, Infinity, 1);
    const replica = shard.replicas[0];
    const rng = streamFor(1, 'r', 'lag');
    // Commits at 0, 10 and 20 with lags 50, 5 and 5: applied at 50, 50 and 50 (not 15, 25).
    const lag = lags([50, 5, 5]);
    expect(shard.logWrite(0, lag, rng)).toBe(0);
    expect(shard.logWrite(10, lag, rng)).toBe(1);
    expect(shard.logWrite(20, lag, rng)).toBe(2);
    replica.catchUp(shard.log!, 49, lag, rng);
    expect(replica.applied).toBe(0);
    replica.catchUp(shard.log!, 50, lag, rng);
    expect(replica.applied).toBe(3);
  });

  it('keeps only what some replica has not applied yet', () => {
    const engine = new Engine(1, 1_000, 0);
    const shard = new Shard(engine, 1, Infinity, 2);
    const rng = streamFor(1, 'r', 'lag');
    const lag: Sampler = { meanMs: 100, secondMoment: 1e4, isZero: false, sample: () => 100 };
    for (let t = 0; t < 1_000; t++) shard.logWrite(t, lag, rng);
    const log = shard.log!;
    // Written at 0 … 999 with a lag of 100: at 999 the entries of 0 … 899 are applied everywhere.
    expect(log.count).toBe(1_000);
    expect(log.start).toBe(900);
    expect(shard.replicas.map((r) => r.applied)).toEqual([900, 900]);
    expect(log.commitTime(950)).toBe(950);
  });
});
