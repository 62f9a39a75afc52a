import { info } from './fieldText';
import type { UiKindDescriptor } from './types';

export const loadBalancerUi: UiKindDescriptor<'loadBalancer'> = {
  badge: 'LB',
  paletteHint: 'spreads over instances',
  facts: (c) => {
    const facts: string[] = [c.algorithm];
    if (c.algorithm === 'consistent-hash') facts.push(`ring on ${c.hashOn}, ${c.virtualNodes} vnodes`);
    if (c.healthCheck) facts.push(`health checks every ${c.healthCheck.intervalMs} ms`);
    if (c.stickySessions) facts.push('sticky sessions');
    return facts.slice(0, 3);
  },
  figures: ['rate', 'instances'],
  charts: ['rate'],
  instanceDots: true,
  sections: [
    { title: 'Balancing', fields: ['algorithm', 'hashOn', 'virtualNodes', 'stickySessions', 'processingTime'] },
    { title: 'Health checks', fields: ['healthCheck'] },
  ],
  live: { algorithm: (node, algorithm) => ({ type: 'setAlgorithm', node, algorithm }) },
  receivesCalls: true,
  fields: {
    algorithm: info('Algorithm', 'How the next instance is chosen. Changes a running simulation at once.'),
    virtualNodes: info('Virtual nodes', 'Consistent hash: points per instance on the ring; more spreads keys more evenly.', 'per instance'),
    hashOn: info('Hash on', 'Consistent hash: route by the user or by the data key.'),
    stickySessions: info('Sticky sessions', 'A user keeps the instance it first reached while that instance is healthy.'),
    healthCheck: info('Health checks', 'Active probes take a dead instance out of rotation; without them it keeps getting traffic.'),
    'healthCheck.intervalMs': info('Probe every', 'Time between two probes of an instance.', 'ms'),
    'healthCheck.unhealthyAfter': info('Unhealthy after', 'Consecutive failed probes before an instance is taken out.', 'probes'),
    'healthCheck.healthyAfter': info('Healthy after', 'Consecutive good probes before it is put back.', 'probes'),
    processingTime: info('Processing time', 'Time the balancer itself spends on each request.'),
  },
};
