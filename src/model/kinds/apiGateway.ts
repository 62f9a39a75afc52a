import { z } from 'zod';
import { id, list, strict, text } from '../fields';
import { durationSchema } from '../duration';
import type { KindCost } from '../cost/kindCost';
import { limiterCost, rateLimiterConfigSchema } from './rateLimiter';
import type { KindDefinition, NodeRefList } from './definition';

const routeSchema = strict({
  pathPrefix: text(1000, { nonEmpty: true }),
  /** The id of the node this route sends to (normally one of the gateway's downstream nodes). */
  to: id(),
});

export const apiGatewayConfigSchema = strict({
  /** First matching prefix wins; unmatched paths go to the first downstream node. */
  /** At most 1,000 routes (they are matched per request). */
  routes: list(routeSchema, 1000).default(() => []),
  authTime: durationSchema.default(0),
  /** Optional built-in rate limit, with the rate limiter's fields. */
  rateLimit: rateLimiterConfigSchema.nullable().default(null),
});

export type ApiGatewayConfig = z.output<typeof apiGatewayConfigSchema>;
export type GatewayRoute = z.output<typeof routeSchema>;

/** A gateway shares its calls evenly among its routes; its own rate limit costs what a limiter's does. */
const apiGatewayCost: KindCost<'apiGateway'> = {
  eventsPerCall: () => 1,
  outgoing: () => ({ spread: 'evenly' }),
  items(c, ctx) {
    if (c.rateLimit !== null) limiterCost(c.rateLimit, ctx, 'rateLimit.');
  },
};

/** Each route names the node it sends to. */
const apiGatewayRefs: readonly NodeRefList<'apiGateway'>[] = [{ list: 'routes', field: 'to' }];

export const apiGatewayKind = {
  label: 'API gateway',
  description:
    'A layer-7 entry point: authenticates, optionally rate-limits, and routes each request by path prefix to one of its downstream nodes.',
  configSchema: apiGatewayConfigSchema,
  nodeRefs: apiGatewayRefs,
  cost: apiGatewayCost,
} satisfies KindDefinition<'apiGateway'>;
