import { info } from './fieldText';
import type { UiKindDescriptor } from './types';

export const cacheUi: UiKindDescriptor<'cache'> = {
  badge: 'CA',
  paletteHint: 'keys in memory',
  facts: (c) => [
    `${c.capacity} entries, ${c.eviction}`,
    c.strategy,
    c.ttlMs === null ? 'no expiry' : `ttl ${c.ttlMs} ms`,
  ],
  figures: ['hitRate', 'rate', 'instances'],
  charts: ['hitRate', 'rate'],
  instanceDots: true,
  sections: [
    { title: 'Cache', fields: ['capacity', 'eviction', 'ttlMs', 'hitTime', 'coalesceMisses'] },
    { title: 'Writes', fields: ['strategy', 'flushDelayMs'] },
  ],
  live: {},
  receivesCalls: true,
  fields: {
    capacity: info('Capacity', 'Entries the cache holds; one more evicts a victim.', 'entries'),
    eviction: info('Eviction', 'Which entry goes when the cache is full: least recently used, least frequently used, oldest, or random.'),
    ttlMs: info('Time to live', 'Entries expire this long after they are written (off: never).', 'ms', { onValue: 60_000 }),
    strategy: info('Write strategy', 'Cache-aside invalidates on write; write-through writes both; write-back acknowledges at once and flushes later.'),
    flushDelayMs: info('Flush delay', 'Write-back: how long a dirty key waits before it is written downstream.', 'ms'),
    hitTime: info('Hit time', 'Time to answer from the cache.'),
    coalesceMisses: info('Coalesce misses', 'Concurrent misses on one key share one downstream read (stops a stampede).'),
  },
};
