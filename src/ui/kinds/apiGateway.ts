import type { UiKindDescriptor } from './types';
import { describeDuration } from '../format';

export const apiGatewayUi: UiKindDescriptor<'apiGateway'> = {
  badge: 'GW',
  paletteHint: 'routes by path',
  facts: (c) => [
    c.routes.length === 0 ? 'no routes: all to first' : `${c.routes.length} route(s)`,
    `auth ${describeDuration(c.authTime)}`,
    c.rateLimit ? `rate limit ${c.rateLimit.algorithm}` : 'no rate limit',
  ],
  figures: ['utilization', 'queue', 'rate'],
  sections: [
    { title: 'Routing', fields: ['routes', 'authTime'] },
    { title: 'Rate limit', fields: ['rateLimit'] },
  ],
  live: {},
  receivesCalls: true,
};
