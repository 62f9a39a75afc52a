/**
 * The API gateway through the engine: routing by path prefix, authentication time on every
 * request, and its optional rate limit. The CDN kind is not simulated in this branch yet, so
 * a fast server stands in for it behind the `/static` route.
 */
import { describe, expect, it } from 'vitest';
import { nodeReport } from '../../src/engine';
import { OK, REJECTED } from '../../src/engine/runtime/request';
import { build } from '../helpers';
import { pathsOf, recordAnswers, recordArrivals } from './probe';

const AUTH = 4;

function gatewayDoc(gateway: Record<string, unknown>, rps = 300) {
  return {
    durationMs: 20_000,
    nodes: [
      { id: 'users', kind: 'client', config: { rps, paths: { '/api/orders': 0.7, '/static/logo.png': 0.2, '/health': 0.1 } } },
      { id: 'gw', kind: 'apiGateway', config: { authTime: AUTH, ...gateway } },
      { id: 'lb', kind: 'loadBalancer', config: { processingTime: 0 } },
      { id: 'web', kind: 'server', config: { replicas: 2, concurrency: 50, serviceTime: 5 } },
      { id: 'cdn', kind: 'server', config: { concurrency: 100, serviceTime: 1 } },
    ],
    edges: [
      { id: 'e0', from: 'users', to: 'gw', config: { latency: 0 } },
      { id: 'e1', from: 'gw', to: 'lb', config: { latency: 0 } },
      { id: 'e2', from: 'gw', to: 'cdn', config: { latency: 0 } },
      { id: 'e3', from: 'lb', to: 'web', config: { latency: 0 } },
    ],
  };
}

describe('API gateway', () => {
  it('sends /static to the CDN and the rest to the servers, with its auth time on every request', () => {
    const sim = build(gatewayDoc({ routes: [{ pathPrefix: '/static', to: 'cdn' }] }));
    const atGateway = recordArrivals(sim, 'gw');
    const atCdn = recordArrivals(sim, 'cdn');
    const atLb = recordArrivals(sim, 'lb');
    sim.runToEnd();
    sim.drain(); // the requests still being authenticated at the end go on their way
    const paths = pathsOf(sim);
    const r = sim.report();
    const gw = nodeReport(r, 'gw', 'apiGateway');

    // Every /static request and nothing else went to the CDN; everything else to the servers.
    expect(atCdn.every((a) => paths[a.path].startsWith('/static'))).toBe(true);
    expect(atLb.every((a) => !paths[a.path].startsWith('/static'))).toBe(true);
    expect(atCdn.length + atLb.length).toBe(atGateway.length);
    expect(gw.routes).toEqual({ '/static': r.nodes.cdn.arrivals });
    expect(gw.unmatched).toBe(r.nodes.lb.arrivals);
    // The split is the client's: 20% /static, within 4 standard errors of a binomial.
    const n = atGateway.length;
    expect(Math.abs(atCdn.length / n - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / n));

    // Each request left the gateway exactly its auth time after it arrived.
    const arrivedAt = new Map(atGateway.map((a) => [a.id, a.t]));
    for (const a of [...atCdn, ...atLb]) expect(Math.abs(a.t - arrivedAt.get(a.id)! - AUTH)).toBeLessThan(1e-9);
    // So the client sees auth + service: 4 + 1 ms for /static, 4 + 5 ms for the rest.
    expect(r.latencyMs.max).toBeLessThan(AUTH + 5 + 1);
    expect(r.latencyMs.p50).toBeGreaterThanOrEqual(AUTH + 5 - 0.1);
    expect(r.requests.ok).toBe(r.requests.generated);
  });

  it('takes the first route that matches, and sends unmatched paths to its first downstream node', () => {
    const sim = build(
      gatewayDoc({
        routes: [
          { pathPrefix: '/static', to: 'cdn' },
          { pathPrefix: '/api', to: 'lb' },
          { pathPrefix: '/', to: 'cdn' }, // never reached by /static or /api: the first match wins
        ],
      }),
    );
    sim.runToEnd();
    const r = sim.report();
    const gw = nodeReport(r, 'gw', 'apiGateway');
    expect(gw.unmatched).toBe(0);
    expect(gw.routes['/api']).toBe(r.nodes.lb.arrivals);
    expect(gw.routes['/static'] + gw.routes['/']).toBe(r.nodes.cdn.arrivals);
    const n = r.nodes.gw.arrivals;
    expect(Math.abs(gw.routes['/'] / n - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / n));
  });

  it('rate-limits after authenticating: refusals carry a retry-after and cost the auth time', () => {
    const sim = build(
      gatewayDoc({ routes: [{ pathPrefix: '/static', to: 'cdn' }], rateLimit: { algorithm: 'token-bucket', ratePerSec: 100, burst: 10 } }),
    );
    const atGateway = recordArrivals(sim, 'gw');
    const answers = recordAnswers(sim, 'users');
    sim.runToEnd();
    sim.drain();
    const r = sim.report();
    const gw = nodeReport(r, 'gw', 'apiGateway');
    // 100 a second (+ the burst) of ~300 offered.
    expect(Math.abs(gw.allowed - (100 * 20 + 10))).toBeLessThanOrEqual(1);
    expect(gw.allowed + gw.limited).toBe(gw.arrivals);
    expect(gw.routes['/static'] + gw.unmatched).toBe(gw.allowed);
    expect(r.requests.rejected).toBe(gw.limited);
    const arrivedAt = new Map(atGateway.map((a) => [a.id, a.t]));
    const refused = answers.filter((a) => a.outcome === REJECTED);
    expect(refused.length).toBe(gw.limited);
    for (const a of refused) {
      expect(a.retryAfterMs).toBeGreaterThan(0);
      expect(Math.abs(a.t - arrivedAt.get(a.id)! - AUTH)).toBeLessThan(1e-9);
    }
    expect(answers.filter((a) => a.outcome === OK).length).toBe(gw.allowed);
    const frame = sim.takeFrame().nodes.gw;
    expect(frame.routes?.byPrefix['/static']).toBe(r.nodes.cdn.arrivals);
    expect(frame.rateLimit?.allowed).toBe(gw.allowed);
  });
});
