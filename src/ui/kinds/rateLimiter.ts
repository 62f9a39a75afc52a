import { rateLimitTexts } from './fieldText';
import type { UiKindDescriptor } from './types';

export const rateLimiterUi: UiKindDescriptor<'rateLimiter'> = {
  badge: 'RL',
  paletteHint: 'lets through up to a rate',
  facts: (c) => {
    const limit =
      c.algorithm === 'token-bucket'
        ? `${c.ratePerSec}/s, burst ${c.burst}`
        : c.algorithm === 'leaky-bucket'
          ? `${c.ratePerSec}/s, queue ${c.queueSize}`
          : `${c.limit} per ${c.windowMs} ms`;
    return [c.algorithm, limit, c.scope];
  },
  figures: ['rate', 'limited', 'level'],
  charts: ['rate', 'limited'],
  instanceDots: true,
  sections: [{ title: 'Limit', fields: ['algorithm', 'ratePerSec', 'burst', 'queueSize', 'limit', 'windowMs', 'scope'] }],
  live: {},
  receivesCalls: true,
  fields: rateLimitTexts(''),
};
