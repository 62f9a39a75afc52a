import type { NodeKind } from '../../model';

/** A two-letter badge per kind, on the canvas and in the palette. */
export const BADGES = {
  client: 'CL',
  loadBalancer: 'LB',
  apiGateway: 'GW',
  rateLimiter: 'RL',
  server: 'SV',
  cache: 'CA',
  cdn: 'CD',
  queue: 'MQ',
  database: 'DB',
} satisfies Record<NodeKind, string>;
