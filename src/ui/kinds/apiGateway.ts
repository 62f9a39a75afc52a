import { info, rateLimitTexts } from './fieldText';
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
  figures: ['utilization', 'rate', 'limited'],
  charts: ['rate', 'utilization', 'limited'],
  instanceDots: true,
  sections: [
    { title: 'Routing', fields: ['routes', 'authTime'] },
    { title: 'Rate limit', fields: ['rateLimit'] },
  ],
  live: {},
  receivesCalls: true,
  fields: {
    routes: info('Routes', 'Path prefix → node; the first match wins, unmatched paths go to the first downstream node.'),
    'routes[].pathPrefix': info('Path prefix', 'Requests whose path starts with this.'),
    'routes[].to': info('To', 'The node those requests go to.', undefined, { ref: 'downstream' }),
    authTime: info('Auth time', 'Time spent authenticating each request.'),
    rateLimit: info('Rate limit', 'A built-in rate limiter in front of the routes.'),
    ...rateLimitTexts('rateLimit.'),
  },
};
