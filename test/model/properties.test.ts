import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatErrors, parseScenario, type Scenario } from '../../src/model';
import { arbAnyScenario, arbScenario } from './arbitraries';

function parseOk(doc: unknown): Scenario {
  const result = parseScenario(doc);
  if (!result.ok) throw new Error(`refused:\n${formatErrors(result.errors)}\n${JSON.stringify(doc)}`);
  return result.scenario;
}

describe('properties', () => {
  it('any document built from valid configs of every kind parses, and parsing is idempotent', () => {
    fc.assert(
      fc.property(arbAnyScenario(), (doc) => {
        const parsed = parseOk(doc);
        // What the app saves (JSON of the parsed document) loads back to the same thing.
        expect(parseOk(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('arbScenario builds valid runnable-shaped documents', () => {
    fc.assert(
      fc.property(arbScenario(), (doc) => {
        const s = parseOk(doc);
        expect(parseOk(JSON.parse(JSON.stringify(s)))).toEqual(s);
        const kinds = new Map(s.nodes.map((n) => [n.id, n.kind]));
        const out = (id: string) => s.edges.filter((e) => e.from === id);
        for (const node of s.nodes) {
          expect(['client', 'loadBalancer', 'server']).toContain(node.kind);
          if (node.kind === 'client') expect(out(node.id)).toHaveLength(1);
          if (node.kind === 'loadBalancer') {
            expect(out(node.id).length).toBeGreaterThanOrEqual(1);
            for (const e of out(node.id)) expect(kinds.get(e.to)).toBe('server');
          }
          if (node.kind === 'server') {
            expect(out(node.id).length).toBeLessThanOrEqual(2);
            for (const e of out(node.id)) expect(kinds.get(e.to)).toBe('server');
          }
        }
        for (const e of s.edges) {
          expect(kinds.get(e.to)).not.toBe('client');
          if (e.config.timeoutMs !== null) expect(e.config.timeoutMs).toBeLessThanOrEqual(50);
          const latency = e.config.latency;
          expect(typeof latency === 'number' ? latency : 0).toBeLessThanOrEqual(5);
        }
        expect(hasCycle(s)).toBe(false);
        expect(s.durationMs).toBeGreaterThanOrEqual(100);
        expect(s.durationMs).toBeLessThanOrEqual(3000);
      }),
      { numRuns: 300 },
    );
  });

  it('a random change to one numeric field never crashes the parser and always names a field', () => {
    fc.assert(
      fc.property(arbAnyScenario(), fc.oneof(fc.double(), fc.constant(-1), fc.constant('x'), fc.constant(null)), (doc, value) => {
        const broken: any = structuredClone(doc);
        broken.durationMs = value;
        const result = parseScenario(broken);
        if (!result.ok) for (const e of result.errors) expect(e.path).not.toBe('');
      }),
      { numRuns: 100 },
    );
  });
});

function hasCycle(s: Scenario): boolean {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'open') return true;
    if (state.get(id) === 'done') return false;
    state.set(id, 'open');
    const cyclic = s.edges.filter((e) => e.from === id).some((e) => visit(e.to));
    state.set(id, 'done');
    return cyclic;
  };
  return s.nodes.some((n) => visit(n.id));
}
