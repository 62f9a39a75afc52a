import { z } from 'zod';
import { boolean, integer, MAX_ENTRIES, oneOf, strict } from '../fields';

/** Deliveries of one message, as for an edge's retries: each is an event. */
export const MAX_DELIVERY_ATTEMPTS = 100;
import type { KindCost } from '../cost/kindCost';
import { BYTES } from '../cost/measured';
import { formatCount } from '../numberText';
import { NO_NODE_REFS, type KindDefinition } from './definition';

export const queueConfigSchema = strict({
  /** Messages held at most. */
  capacity: integer(1, MAX_ENTRIES).default(10_000),
  /** reject: 503 when full; block: the producer waits (backpressure). */
  whenFull: oneOf(['reject', 'block']).default('reject'),
  /** Messages a consumer worker pulls at a time: 1 to 10,000. */
  batchSize: integer(1, 10_000).default(1),
  /** Deliveries before a failed message is dead-lettered (counts the first): 1 to 100. */
  maxAttempts: integer(1, MAX_DELIVERY_ATTEMPTS).default(3),
  /** true: waiting messages survive a crash of the queue; false: they are lost (`lostMessages`). */
  durable: boolean().default(true),
});

export type QueueConfig = z.output<typeof queueConfigSchema>;

/**
 * A queue hands its messages to consumers by their instances and may deliver each
 * `maxAttempts` times; it holds no more than its capacity and everything that reaches it.
 */
const queueCost: KindCost<'queue'> = {
  eventsPerCall: () => 2, // enqueue, then delivery to a consumer
  outgoing: (c) => ({ spread: 'by-instances', deliveries: c.maxAttempts }),
  items(c, ctx) {
    const messages = Math.min(c.capacity, ctx.arrivals);
    ctx.memory(ctx.at('capacity'), `up to ${formatCount(messages)} queued messages`, messages * BYTES.queuedMessage);
  },
};

export const queueKind = {
  label: 'Message queue',
  description:
    'A broker between producers and consumers: a producer is done once its message is accepted; consumer workers pull messages, failed ones are redelivered, then dead-lettered.',
  configSchema: queueConfigSchema,
  nodeRefs: NO_NODE_REFS,
  cost: queueCost,
} satisfies KindDefinition<'queue'>;
