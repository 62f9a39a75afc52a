/**
 * The files in `examples/` (the CLI's samples) as gallery entries: the same
 * documents, imported rather than copied, so the two can never drift apart.
 */
import mm1 from '../../../examples/mm1.json';
import sessions from '../../../examples/sessions.json';
import slowServer from '../../../examples/slow-server.json';
import webApp from '../../../examples/web-app.json';
import type { ScenarioInput } from '../scenario';
import type { GalleryEntry } from './types';

// JSON imports are typed loosely (`kind: string`); the gallery test validates each one.
const asDocument = (json: object) => json as unknown as ScenarioInput;

export const mm1Entry: GalleryEntry = {
  id: 'mm1',
  group: 'theory',
  title: 'M/M/1 beside its theory',
  watch:
    'Utilisation settles at ρ = λ/μ = 0.8. Mean latency should read 1/(μ − λ) = 5 ms and p99 ln(100)·5 ≈ 23 ms: a server 80% busy makes requests wait four times their own service time.',
  try: 'Raise users.rps to 900 (ρ = 0.9): theory says the mean doubles to 10 ms. At 1000 the queue grows without end and the run says so.',
  tryChanges: [{ path: 'nodes.users.config.rps', value: 900 }],
  document: asDocument(mm1),
};

export const slowServerEntry: GalleryEntry = {
  id: 'slow-server',
  group: 'tradeoff',
  title: 'Load-balancing algorithms with one slow server',
  watch:
    'Round robin gives the slow server a quarter of the requests whatever its queue: it runs 75% busy while the others idle at 15%, a request waits about 13 ms there against 1 ms elsewhere, and that queue sets the p99 (near 50 ms).',
  try: 'Select the load balancer and switch to least-connections (or power-of-two-choices): the slow server gets only what it can take and the p99 falls by more than half.',
  tryChanges: [{ path: 'nodes.lb.config.algorithm', value: 'least-connections' }],
  document: asDocument(slowServer),
};

export const webAppEntry: GalleryEntry = {
  id: 'web-app',
  group: 'tradeoff',
  title: 'Health checks take a crashed instance out',
  watch:
    'At 20 s one of the three web instances crashes. For about three seconds it fails what it is sent, until three missed health probes take it out of rotation; it comes back after recovering at 40 s.',
  try: 'Set the load balancer\'s health check to none: the dead instance stays in rotation for the whole 20 s. It fails requests at once, so it always has the fewest open connections, and least-connections sends it most of the traffic: three requests in four fail.',
  tryChanges: [{ path: 'nodes.lb.config.healthCheck', value: null }],
  document: asDocument(webApp),
};

export const sessionsEntry: GalleryEntry = {
  id: 'sessions',
  group: 'tradeoff',
  title: 'In-memory sessions behind round robin',
  watch:
    'Each instance keeps sessions in memory. Round robin sends a user\'s next request to any of the four, so three requests in four miss the session and pay 50 ms to rebuild it: the p50 sits near 58 ms for 10 ms of work (the report counts them as sessionMisses).',
  try: 'Turn on sticky sessions on the load balancer (or use ip-hash): misses drop to zero, until an instance dies (see "Sticky sessions when a server dies").',
  tryChanges: [{ path: 'nodes.lb.config.stickySessions', value: true }],
  document: asDocument(sessions),
};
