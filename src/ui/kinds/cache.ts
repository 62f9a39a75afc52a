import type { UiKindDescriptor } from './types';

export const cacheUi: UiKindDescriptor<'cache'> = {
  badge: 'CA',
  paletteHint: 'keys in memory',
  facts: (c) => [
    `${c.capacity} entries, ${c.eviction}`,
    c.strategy,
    c.ttlMs === null ? 'no expiry' : `ttl ${c.ttlMs} ms`,
  ],
  figures: ['rate', 'instances'],
  sections: [
    { title: 'Cache', fields: ['capacity', 'eviction', 'ttlMs', 'hitTime', 'coalesceMisses'] },
    { title: 'Writes', fields: ['strategy', 'flushDelayMs'] },
  ],
  live: {},
  receivesCalls: true,
};
