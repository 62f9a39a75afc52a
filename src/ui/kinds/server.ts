import { info } from './fieldText';
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
  figures: ['utilization', 'queue', 'instances', 'replicas'],
  charts: ['utilization', 'queue', 'rate', 'replicas'],
  instanceDots: true,
  sections: [
    { title: 'Capacity', fields: ['replicas', 'concurrency', 'queueCapacity', 'serviceTime', 'errorRate'] },
    { title: 'Downstream calls', fields: ['calls', 'io'] },
    { title: 'Sessions', fields: ['sessions', 'sessionRebuildTime'] },
    { title: 'Scaling', fields: ['scaleSchedule', 'autoscale'] },
  ],
  live: { replicas: (node, replicas) => ({ type: 'setReplicas', node, replicas }) },
  receivesCalls: true,
  fields: {
    replicas: info('Replicas', 'Instances of this service; a load balancer spreads over them. Changes a running simulation at once.', 'instances'),
    concurrency: info('Workers per replica', 'Requests one instance serves at the same time.', 'workers'),
    queueCapacity: info('Queue capacity', 'Requests that may wait per instance; a full queue rejects with 503.', 'requests'),
    serviceTime: info('Service time', 'CPU work per request, before any downstream call.'),
    errorRate: info('Error rate', 'Share of requests that fail at random (0 to 1).'),
    calls: info('Downstream calls', 'Sequential: one edge after another; parallel: all at once.'),
    io: info('I/O', 'Blocking holds the worker during downstream calls (thread per request); async frees it (event loop).'),
    sessions: info('Sessions', 'In-memory: a user’s session lives on one instance; another instance must rebuild it.'),
    sessionRebuildTime: info('Session rebuild', 'Extra time a request pays when its session is on another instance.'),
    autoscale: info('Autoscale', 'Adds and removes replicas on measured utilisation; new ones take traffic after a start-up time.'),
    'autoscale.min': info('Minimum', 'Never fewer replicas than this.', 'replicas'),
    'autoscale.max': info('Maximum', 'Never more replicas than this.', 'replicas'),
    'autoscale.targetUtilization': info('Target utilisation', 'Scale so the measured utilisation comes near this (0 to 1).'),
    'autoscale.evaluateEveryMs': info('Evaluate every', 'How often utilisation is measured and acted on.', 'ms'),
    'autoscale.cooldownMs': info('Cooldown', 'Wait after a scaling action before the next.', 'ms'),
    'autoscale.startupMs': info('Start-up time', 'A new replica takes traffic only after this.', 'ms'),
    scaleSchedule: info('Scale schedule', 'Planned changes of the replica count over time.'),
    'scaleSchedule[].atMs': info('At', 'When the change happens (simulated time).', 'ms'),
    'scaleSchedule[].replicas': info('Replicas', 'The replica count from then on.', 'instances'),
  },
};
