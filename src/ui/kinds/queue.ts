import { info } from './fieldText';
import type { UiKindDescriptor } from './types';

export const queueUi: UiKindDescriptor<'queue'> = {
  badge: 'MQ',
  paletteHint: 'producers and consumers',
  facts: (c) => [`≤ ${c.capacity} messages`, `when full: ${c.whenFull}`, `batch ${c.batchSize}, ${c.maxAttempts} attempts`],
  figures: ['depth', 'lag', 'rate'],
  charts: ['depth', 'lag', 'rate'],
  instanceDots: true,
  sections: [{ title: 'Queue', fields: ['capacity', 'whenFull', 'batchSize', 'maxAttempts'] }],
  live: {},
  receivesCalls: true,
  fields: {
    capacity: info('Capacity', 'Messages the queue holds at most.', 'messages'),
    whenFull: info('When full', 'Reject: the producer gets a 503; block: the producer waits (backpressure).'),
    batchSize: info('Batch size', 'Messages a consumer worker pulls at a time.', 'messages'),
    maxAttempts: info('Max attempts', 'Deliveries of a failing message before it is dead-lettered (counts the first).', 'attempts'),
    durable: info('Durable', 'Queued messages survive a crash of the queue; otherwise they are lost.'),
  },
};
