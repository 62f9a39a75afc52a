/**
 * Hostile documents for the fuzzer, as JSON text: each case is a pure function of (seed,
 * index), so a failure found in a worker process can be regenerated and saved by the parent.
 *
 * Classes (the share of cases in brackets):
 * - mutant (45%): a valid document from the fast-check arbitraries (runnable or over every
 *   kind) with one to four mutations: an extreme number, a hostile value, an added, renamed or
 *   removed key, an id renamed everywhere to a name an object already has (`__proto__`, `constructor`),
 *   an edge retargeted, a node or edge duplicated;
 * - extreme (12%): a runnable document with many numbers set to notable values at and just
 *   past the bounds (0, 1e-9, 5e-324, 1e6, 1e6 + 1, 1e7, 2^53, 1e15, 1e308, …);
 * - syntax (10%): a valid document's text, cut, or with a character inserted, dropped or swapped;
 * - proto (8%): `__proto__`, `constructor`, `toString` as keys, paths and ids, and attempts to
 *   pollute Object.prototype;
 * - control (7%): control, bidi and zero-width characters in keys, ids, targets, names, paths;
 * - deep (6%): deep nesting, terminated or not, at the top and inside a document;
 * - numbers (6%): numbers JSON.parse turns into Infinity, 0 or a rounded integer;
 * - bomb (6%): large documents: thousands of nodes, edges, schedule steps or unknown keys,
 *   megabyte keys and strings (up to the CLI's 16 MB).
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../src/model';
import { arbAnyScenario, arbScenario } from '../model/arbitraries';

export type CaseClass = 'mutant' | 'extreme' | 'syntax' | 'proto' | 'control' | 'deep' | 'numbers' | 'bomb';

export interface HostileCase {
  index: number;
  kind: CaseClass;
  /** What was done, for a person reading a failure. */
  label: string;
  text: string;
}

/** mulberry32: a small seeded generator for the choices (fast-check makes the documents). */
function rngFor(seed: number, index: number): () => number {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

/* ---------- valid documents to start from ---------- */

const POOL_SIZE = 240;
let pool: { seed: number; docs: ScenarioInput[] } | null = null;

/** Valid documents, half runnable (clients, balancers, servers), half over every kind; made once per process. */
function basePool(seed: number): ScenarioInput[] {
  if (pool?.seed === seed) return pool.docs;
  const runnable = fc.sample(arbScenario(), { seed, numRuns: POOL_SIZE / 2 });
  const any = fc.sample(arbAnyScenario(), { seed: seed + 1, numRuns: POOL_SIZE / 2 });
  pool = { seed, docs: [...runnable, ...any] };
  return pool.docs;
}

function baseDoc(seed: number, r: Rand, runnableOnly = false): any {
  const docs = basePool(seed);
  const k = runnableOnly ? Math.floor(r() * (POOL_SIZE / 2)) : Math.floor(r() * POOL_SIZE);
  return structuredClone(docs[k]);
}

/* ---------- values ---------- */

const NOTABLE_NUMBERS = [
  0, -0, 1, -1, 0.5, 1e-9, -1e-9, 5e-324, 1e-300, 2, 3, 64, 999, 1000, 1001, 9999, 10_000, 10_001, 100_000,
  999_999, 1_000_000, 1_000_001, 10_000_000, 10_000_001, 86_400_000, 86_400_001, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53,
  2 ** 53 + 2, 1e15, 1e21, 1e100, 1e308, -1e308, 1.7976931348623157e308, 0.1 + 0.2,
];

const CONTROL = ['\u0000', '\u0007', '\u0008', '\u001b', '\u001b[31m', '\u001b]0;owned\u0007', '\r', '\n', '\u007f', '\u0085', '\u009b', '\u200b', '\u200e', '\u202e', '\u2028', '\u2066', '\ufeff', '\ud800', '\udfff'];
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', '__lookupSetter__'];
/** Ids that match the id pattern and are names an object already has. */
const PROTO_IDS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'prototype', '__lookupSetter__'];

function controlString(r: Rand): string {
  let s = '';
  const n = int(r, 1, 4);
  for (let k = 0; k < n; k++) s += pick(r, ['a', 'id', 'x-1', '']) + pick(r, CONTROL);
  return s;
}

function deepValue(depth: number, object: boolean): unknown {
  let v: unknown = 1;
  for (let k = 0; k < depth; k++) v = object ? { a: v } : [v];
  return v;
}

function hostileValue(r: Rand): unknown {
  switch (int(r, 0, 11)) {
    case 0:
      return pick(r, NOTABLE_NUMBERS);
    case 1:
      return controlString(r);
    case 2:
      return pick(r, PROTO_NAMES);
    case 3:
      return null;
    case 4:
      return pick(r, [true, false]);
    case 5:
      return {};
    case 6:
      return [];
    case 7:
      return 'x'.repeat(int(r, 0, 3) === 0 ? 1_000_000 : int(r, 0, 2000));
    case 8:
      return deepValue(int(r, 1, 1500), r() < 0.5);
    case 9:
      return Array.from({ length: int(r, 0, 3000) }, (_, k) => k);
    case 10:
      return { dist: pick(r, ['exponential', 'lognormal', 'erlang', 'uniform', 'weird']), meanMs: pick(r, NOTABLE_NUMBERS), sigma: pick(r, NOTABLE_NUMBERS), k: pick(r, NOTABLE_NUMBERS) };
    default:
      return String(pick(r, NOTABLE_NUMBERS));
  }
}

/** Sets an own property, even one named `__proto__` (which `=` would turn into a prototype change). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/* ---------- walking a document (iteratively) ---------- */

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** Every place in the document that holds a value, and every object. */
function slotsOf(doc: unknown): { slots: Slot[]; objects: Record<string, unknown>[] } {
  const slots: Slot[] = [];
  const objects: Record<string, unknown>[] = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((item, k) => {
        slots.push({ parent: v, key: k });
        stack.push(item);
      });
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      objects.push(o);
      for (const key of Object.keys(o)) {
        slots.push({ parent: o, key });
        stack.push(o[key]);
      }
    }
  }
  return { slots, objects };
}

const valueAt = (s: Slot) => (s.parent as Record<string | number, unknown>)[s.key];
function setAt(s: Slot, value: unknown): void {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = value;
  else setOwn(s.parent, s.key as string, value);
}

/** The objects of a list that earlier mutations may have broken (not a list, not objects). */
function objectsIn(list: unknown): any[] {
  return Array.isArray(list) ? list.filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
}

/** Renames a node or edge id everywhere it is referenced. */
function renameId(doc: any, from: string, to: string): void {
  for (const n of objectsIn(doc.nodes)) {
    if (n.id === from) n.id = to;
    for (const route of objectsIn(n.config?.routes)) if (route.to === from) route.to = to;
  }
  for (const e of objectsIn(doc.edges)) {
    if (e.id === from) e.id = to;
    if (e.from === from) e.from = to;
    if (e.to === from) e.to = to;
  }
  for (const f of objectsIn(doc.faults)) if (f.target === from) f.target = to;
}

function mutate(doc: any, r: Rand): string {
  const { slots, objects } = slotsOf(doc);
  const numeric = slots.filter((s) => typeof valueAt(s) === 'number');
  switch (int(r, 0, 7)) {
    case 0: {
      if (numeric.length === 0) return 'nothing numeric';
      const s = pick(r, numeric);
      const v = pick(r, NOTABLE_NUMBERS);
      setAt(s, v);
      return `number ${String(s.key)} = ${v}`;
    }
    case 1: {
      if (slots.length === 0) return 'no slot';
      const s = pick(r, slots);
      setAt(s, hostileValue(r));
      return `value at ${String(s.key)}`;
    }
    case 2: {
      const o = pick(r, objects);
      const key = pick(r, [...PROTO_NAMES, controlString(r), 'replica', 'rsp', 'timeout', 'x'.repeat(int(r, 1, 100_000)), '']);
      setOwn(o, key, hostileValue(r));
      return `added key ${JSON.stringify(key.slice(0, 20))}`;
    }
    case 3: {
      const o = pick(r, objects);
      const keys = Object.keys(o);
      if (keys.length === 0) return 'empty object';
      const key = pick(r, keys);
      delete o[key];
      return `removed ${key}`;
    }
    case 4: {
      const ids = [...objectsIn(doc.nodes), ...objectsIn(doc.edges)].map((x: { id: unknown }) => String(x.id));
      if (ids.length === 0) return 'no ids';
      const from = pick(r, ids);
      const to = pick(r, PROTO_IDS);
      renameId(doc, from, to);
      return `renamed ${from} to ${to}`;
    }
    case 5: {
      const edges = objectsIn(doc.edges);
      if (edges.length === 0) return 'no edges';
      const e = pick(r, edges) as Record<string, unknown>;
      const end = pick(r, ['from', 'to']);
      e[end] = pick(r, [controlString(r), 'ghost', ...PROTO_NAMES]);
      return `retargeted an edge's ${end}`;
    }
    case 6: {
      const list = pick(r, ['nodes', 'edges', 'faults']);
      const items = doc[list];
      if (!Array.isArray(items) || items.length === 0) return `no ${list}`;
      items.push(structuredClone(pick(r, items)));
      return `duplicated one of ${list}`;
    }
    default: {
      // Scale every number of one kind of field by a large factor.
      if (numeric.length === 0) return 'nothing numeric';
      const key = String(pick(r, numeric).key);
      const factor = pick(r, [10, 1000, 1e6, 1e-6]);
      for (const s of numeric) if (String(s.key) === key) setAt(s, (valueAt(s) as number) * factor);
      return `scaled every ${key} by ${factor}`;
    }
  }
}

/* ---------- the classes ---------- */

function mutant(seed: number, r: Rand): { label: string; text: string } {
  const doc = baseDoc(seed, r, r() < 0.6);
  const labels: string[] = [];
  const n = pick(r, [1, 1, 1, 1, 2, 2, 2, 3, 4]);
  for (let k = 0; k < n; k++) labels.push(mutate(doc, r));
  return { label: labels.join('; '), text: JSON.stringify(doc) };
}

function extreme(seed: number, r: Rand): { label: string; text: string } {
  const doc = baseDoc(seed, r, true);
  const { slots } = slotsOf(doc);
  const p = pick(r, [0.05, 0.2, 0.5]);
  let changed = 0;
  for (const s of slots) {
    if (typeof valueAt(s) === 'number' && s.key !== 'version' && r() < p) {
      setAt(s, pick(r, NOTABLE_NUMBERS));
      changed++;
    }
  }
  return { label: `${changed} numbers set to notable values`, text: JSON.stringify(doc) };
}

function syntax(seed: number, r: Rand): { label: string; text: string } {
  const text = JSON.stringify(baseDoc(seed, r), null, pick(r, [0, 2]));
  const at = int(r, 0, text.length);
  switch (int(r, 0, 4)) {
    case 0:
      return { label: `cut at ${at}`, text: text.slice(0, at) };
    case 1: {
      const ch = pick(r, ['{', '}', '[', ']', ',', ':', '"', '\\', 'x', '\u0000', '\u001b', '\ufeff', '\n', ' ', '1e', '-']);
      return { label: `inserted ${JSON.stringify(ch)} at ${at}`, text: text.slice(0, at) + ch + text.slice(at) };
    }
    case 2:
      return { label: `dropped the character at ${at}`, text: text.slice(0, at) + text.slice(at + 1) };
    case 3:
      return { label: `swapped characters at ${at}`, text: text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2) };
    default:
      return { label: 'a byte-order mark first', text: `\ufeff${text}` };
  }
}

function proto(seed: number, r: Rand): { label: string; text: string } {
  const doc = baseDoc(seed, r, r() < 0.7);
  const { objects } = slotsOf(doc);
  const done: string[] = [];
  const n = int(r, 1, 3);
  for (let k = 0; k < n; k++) {
    switch (int(r, 0, 3)) {
      case 0: {
        const o = pick(r, objects);
        setOwn(o, pick(r, ['__proto__', 'constructor', 'prototype']), { polluted: true, toString: 'x', rps: 1e9 });
        done.push('a prototype key holding an object');
        break;
      }
      case 1: {
        const client = objectsIn(doc.nodes).find((x: { kind: string }) => x.kind === 'client');
        if (!client) break;
        client.config = client.config ?? {};
        const paths: Record<string, unknown> = {};
        for (const name of PROTO_NAMES.slice(0, int(r, 1, PROTO_NAMES.length))) setOwn(paths, name, int(r, 1, 5));
        client.config.paths = paths;
        done.push('prototype names as paths');
        break;
      }
      default: {
        const ids = [...objectsIn(doc.nodes), ...objectsIn(doc.edges)].map((x: { id: string }) => x.id);
        ids.forEach((id: string, j: number) => {
          if (j < PROTO_IDS.length && r() < 0.7) renameId(doc, id, PROTO_IDS[j]);
        });
        done.push('prototype names as ids');
      }
    }
  }
  return { label: done.join('; '), text: JSON.stringify(doc) };
}

function control(seed: number, r: Rand): { label: string; text: string } {
  const doc = baseDoc(seed, r);
  const where = pick(r, ['key', 'id', 'target', 'name', 'label', 'path', 'value']);
  const s = controlString(r);
  const node = (doc.nodes ?? [])[0];
  switch (where) {
    case 'key':
      setOwn(node?.config ?? doc, s, 1);
      break;
    case 'id':
      if (node) renameId(doc, node.id, s);
      break;
    case 'target':
      if (doc.edges?.[0]) doc.edges[0].to = s;
      else doc.faults = [{ atMs: 1, action: 'crash', target: s }];
      break;
    case 'name':
      doc.name = s;
      break;
    case 'label':
      if (node) node.label = s;
      break;
    case 'path':
      if (node?.kind === 'client') node.config = { ...(node.config ?? {}), paths: { [s]: 1 } };
      else doc.description = s;
      break;
    default:
      if (node) node.kind = s;
  }
  return { label: `control characters in a ${where}`, text: JSON.stringify(doc) };
}

function deep(r: Rand): { label: string; text: string } {
  const depth = pick(r, [100, 5000, 20_000, 100_000, 1_000_000]);
  const open = pick(r, ['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  switch (int(r, 0, 3)) {
    case 0:
      return { label: `${depth} unterminated ${open}`, text: open.repeat(depth) };
    case 1:
      return { label: `${depth} nested ${open} closed`, text: `${open.repeat(depth)}1${close.repeat(depth)}` };
    case 2:
      return {
        label: `${depth} nested ${open} as a node`,
        text: `{"version":1,"nodes":[${open.repeat(depth)}1${close.repeat(depth)}]}`,
      };
    default:
      return {
        label: `${depth} nested ${open} in a config, unterminated`,
        text: `{"version":1,"nodes":[{"id":"a","kind":"server","config":{"x":${open.repeat(depth)}`,
      };
  }
}

function numbers(seed: number, r: Rand): { label: string; text: string } {
  const doc = baseDoc(seed, r, true);
  const { slots } = slotsOf(doc);
  const numeric = slots.filter((s) => typeof valueAt(s) === 'number' && s.key !== 'version');
  const marker = '"__NUMBER__"';
  const literal = pick(r, ['1e400', '-1e400', '1e-400', '-0', '-0.0', '123456789012345678901234567890', '0.000000000000000000000000000001', '9007199254740993', '1E+2', '1.0']);
  if (numeric.length === 0) return { label: 'no numbers', text: JSON.stringify(doc) };
  setAt(pick(r, numeric), '__NUMBER__');
  return { label: `the number ${literal}`, text: JSON.stringify(doc).replace(marker, literal) };
}

function bomb(seed: number, r: Rand): { label: string; text: string } {
  const doc: any = baseDoc(seed, r, true);
  switch (int(r, 0, 6)) {
    case 0: {
      const n = pick(r, [1000, 10_000, 10_001, 30_000]);
      doc.nodes = Array.from({ length: n }, (_, k) => ({ id: `n${k}`, kind: 'server' }));
      doc.edges = [];
      doc.faults = [];
      return { label: `${n} nodes`, text: JSON.stringify(doc) };
    }
    case 1: {
      // A chain of servers behind one client: valid, runnable and as deep as the node limit.
      const n = pick(r, [2000, 6000, 9999]);
      doc.nodes = [{ id: 'c', kind: 'client', config: { rps: 1 } }, ...Array.from({ length: n }, (_, k) => ({ id: `s${k}`, kind: 'server' }))];
      doc.edges = Array.from({ length: n }, (_, k) => ({ id: `e${k}`, from: k === 0 ? 'c' : `s${k - 1}`, to: `s${k}`, config: { latency: 0 } }));
      doc.faults = [];
      doc.durationMs = 10;
      return { label: `a chain of ${n} servers`, text: JSON.stringify(doc) };
    }
    case 2: {
      const n = pick(r, [10_000, 100_000]);
      const o: Record<string, number> = {};
      for (let k = 0; k < n; k++) o[`unknown${k}`] = k;
      Object.assign(doc, o);
      return { label: `${n} unknown keys`, text: JSON.stringify(doc) };
    }
    case 3: {
      const size = pick(r, [1_000_000, 10_000_000]);
      setOwn(doc, 'k'.repeat(size), 1);
      return { label: `an unknown key of ${size} characters`, text: JSON.stringify(doc) };
    }
    case 4: {
      const steps = pick(r, [10_000, 10_001]);
      const client = doc.nodes.find((x: { kind: string }) => x.kind === 'client');
      client.config = { ...(client.config ?? {}), rateSchedule: Array.from({ length: steps }, (_, k) => ({ atMs: k, rps: k % 50 })) };
      return { label: `${steps} rate steps`, text: JSON.stringify(doc) };
    }
    case 5: {
      const n = pick(r, [10_000, 10_001]);
      const target = doc.nodes[0].id;
      doc.faults = Array.from({ length: n }, (_, k) => ({ atMs: k, action: k % 2 === 0 ? 'slow' : 'recover', target }));
      return { label: `${n} faults`, text: JSON.stringify(doc) };
    }
    default: {
      // Up to the CLI's limit: a description far past its maximum, padded with whitespace.
      const text = JSON.stringify({ ...doc, description: 'd'.repeat(int(r, 10_001, 5_000_000)) });
      return { label: 'a long description and 16 MB of whitespace', text: text + ' '.repeat(16 * 2 ** 20 - text.length - 1) };
    }
  }
}

const CLASSES: [CaseClass, number][] = [
  ['mutant', 45],
  ['extreme', 12],
  ['syntax', 10],
  ['proto', 8],
  ['control', 7],
  ['deep', 6],
  ['numbers', 6],
  ['bomb', 6],
];

/** The hostile case `index` of the run seeded `seed`. */
export function hostileCase(seed: number, index: number): HostileCase {
  const r = rngFor(seed, index);
  let ticket = r() * 100;
  let kind: CaseClass = 'mutant';
  for (const [k, weight] of CLASSES) {
    if (ticket < weight) {
      kind = k;
      break;
    }
    ticket -= weight;
  }
  const made =
    kind === 'mutant'
      ? mutant(seed, r)
      : kind === 'extreme'
        ? extreme(seed, r)
        : kind === 'syntax'
          ? syntax(seed, r)
          : kind === 'proto'
            ? proto(seed, r)
            : kind === 'control'
              ? control(seed, r)
              : kind === 'deep'
                ? deep(r)
                : kind === 'numbers'
                  ? numbers(seed, r)
                  : bomb(seed, r);
  return { index, kind, ...made };
}
