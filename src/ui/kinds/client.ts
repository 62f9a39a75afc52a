import { info } from './fieldText';
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
  figures: ['rate', 'outcomes'],
  charts: ['rate'],
  instanceDots: false,
  sections: [
    { title: 'Traffic', fields: ['rps', 'arrival', 'rateSchedule'] },
    { title: 'Requests', fields: ['users', 'keys', 'writeFraction', 'paths'] },
  ],
  live: { rps: (node, rps) => ({ type: 'setRps', node, rps }) },
  receivesCalls: false,
  fields: {
    rps: info('Requests per second', 'The average rate this client sends; 0 pauses it. Changes a running simulation at once.', 'rps'),
    arrival: info('Arrivals', 'Poisson: random gaps, as real independent users; constant: evenly spaced.'),
    rateSchedule: info('Rate schedule', 'Step changes of the rate over time: spikes, ramps, a day’s curve.'),
    'rateSchedule[].atMs': info('At', 'When the new rate starts (simulated time).', 'ms'),
    'rateSchedule[].rps': info('Rate', 'The rate from then on.', 'rps'),
    users: info('Users', 'Distinct users; sessions, sticky routing and per-user limits key on them.', 'users'),
    keys: info('Keys', 'The data keys requests read and write, as caches and shards see them.'),
    'keys.count': info('Key count', 'How many distinct keys there are.', 'keys'),
    'keys.distribution': info('Key popularity', 'Uniform: every key alike; zipf: a few hot keys take most requests.'),
    'keys.exponent': info('Zipf exponent', 'Zipf only: higher means hotter hot keys (1 is typical).'),
    writeFraction: info('Write fraction', 'Share of requests that write rather than read (0 to 1).'),
    paths: info('Paths', 'Request paths and their relative weights; gateways and CDNs act on them.'),
    'paths{}': info('Weight', 'Relative share of requests with this path.'),
  },
};
