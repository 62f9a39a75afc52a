import type { UiKindDescriptor } from './types';
import { formatRate } from '../format';

export const clientUi: UiKindDescriptor<'client'> = {
  badge: 'CL',
  paletteHint: 'sends requests',
  facts: (c) => [
    `${formatRate(c.rps)} rps, ${c.arrival}`,
    c.rateSchedule.length > 0 ? `${c.rateSchedule.length} rate step(s)` : `${c.users} users`,
    c.keys.distribution === 'zipf' ? `zipf keys (s = ${c.keys.exponent})` : `${c.keys.count} keys`,
  ],
  figures: ['rate'],
  sections: [
    { title: 'Traffic', fields: ['rps', 'arrival', 'rateSchedule'] },
    { title: 'Requests', fields: ['users', 'keys', 'writeFraction', 'paths'] },
  ],
  live: { rps: (node, rps) => ({ type: 'setRps', node, rps }) },
  receivesCalls: false,
};
