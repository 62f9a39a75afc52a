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
  sections: [
    { title: 'Balancing', fields: ['algorithm', 'hashOn', 'virtualNodes', 'stickySessions', 'processingTime'] },
    { title: 'Health checks', fields: ['healthCheck'] },
  ],
  live: { algorithm: (node, algorithm) => ({ type: 'setAlgorithm', node, algorithm }) },
  receivesCalls: true,
};
