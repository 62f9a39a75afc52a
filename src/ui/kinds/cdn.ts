import type { UiKindDescriptor } from './types';

export const cdnUi: UiKindDescriptor<'cdn'> = {
  badge: 'CD',
  paletteHint: 'edge cache by path',
  facts: (c) => [c.cacheablePaths.join(', ') || 'nothing cacheable', `ttl ${c.ttlMs} ms`, `${c.capacity} entries`],
  figures: ['rate', 'instances'],
  sections: [{ title: 'Edge', fields: ['cacheablePaths', 'ttlMs', 'hitTime', 'capacity'] }],
  live: {},
  receivesCalls: true,
};
