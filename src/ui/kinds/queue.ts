import type { UiKindDescriptor } from './types';

export const queueUi: UiKindDescriptor<'queue'> = {
  badge: 'MQ',
  paletteHint: 'producers and consumers',
  facts: (c) => [`≤ ${c.capacity} messages`, `when full: ${c.whenFull}`, `batch ${c.batchSize}, ${c.maxAttempts} attempts`],
  figures: ['rate', 'queue'],
  sections: [{ title: 'Queue', fields: ['capacity', 'whenFull', 'batchSize', 'maxAttempts'] }],
  live: {},
  receivesCalls: true,
};
