import type { UiKindDescriptor } from './types';
import { describeDuration } from '../format';

export const serverUi: UiKindDescriptor<'server'> = {
  badge: 'SV',
  paletteHint: 'replicas × workers',
  facts: (c) => [
    `${c.replicas} × ${c.concurrency} workers`,
    `service ${describeDuration(c.serviceTime)}`,
    c.autoscale ? `autoscale ${c.autoscale.min}–${c.autoscale.max}` : `queue ≤ ${c.queueCapacity}`,
  ],
  figures: ['utilization', 'queue', 'instances'],
  sections: [
    { title: 'Capacity', fields: ['replicas', 'concurrency', 'queueCapacity', 'serviceTime', 'errorRate'] },
    { title: 'Downstream calls', fields: ['calls', 'io'] },
    { title: 'Sessions', fields: ['sessions', 'sessionRebuildTime'] },
    { title: 'Scaling', fields: ['scaleSchedule', 'autoscale'] },
  ],
  live: { replicas: (node, replicas) => ({ type: 'setReplicas', node, replicas }) },
  receivesCalls: true,
};
