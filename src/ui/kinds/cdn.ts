import { info } from './fieldText';
import type { UiKindDescriptor } from './types';

export const cdnUi: UiKindDescriptor<'cdn'> = {
  badge: 'CD',
  paletteHint: 'edge cache by path',
  facts: (c) => [c.cacheablePaths.join(', ') || 'nothing cacheable', `ttl ${c.ttlMs} ms`, `${c.capacity} entries`],
  figures: ['hitRate', 'rate', 'instances'],
  charts: ['hitRate', 'rate'],
  instanceDots: true,
  sections: [{ title: 'Edge', fields: ['cacheablePaths', 'ttlMs', 'hitTime', 'capacity'] }],
  live: {},
  receivesCalls: true,
  fields: {
    cacheablePaths: info('Cacheable paths', 'Path prefixes served from the edge; other paths always go to the origin.'),
    'cacheablePaths[]': info('Prefix', 'A cacheable path prefix.'),
    hitTime: info('Hit time', 'Time to answer from the edge.'),
    ttlMs: info('Time to live', 'How long an edge copy stays fresh.', 'ms'),
    capacity: info('Capacity', 'Entries held at the edge, evicted least recently used.', 'entries'),
  },
};
