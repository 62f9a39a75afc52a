/**
 * The library and autosave without a browser: the IndexedDB archive (on fake-indexeddb), what
 * a restored work becomes, the journal written at `pagehide`, storage errors in words, and
 * the rule that opening another design never loses the work it replaces.
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model';
import { bigDesign } from '../fixtures/bigDesign';

// The run controller would start a Web Worker; here only its existence matters.
vi.mock('../../src/ui/store/simulation', () => ({ simulation: { load: vi.fn(async () => true) } }));

const { openArchive, describeStorageError, StorageProblem } = await import('../../src/ui/library/designArchive');
const persistence = await import('../../src/ui/store/persistence');
const { openDesign, openText, saveAs, renameDesign, duplicateDesign, deleteDesign, openFromLibrary } = await import('../../src/ui/library/openDesign');
const { useWork } = await import('../../src/ui/library/workStore');
const { useDocument, scenarioTarget } = await import('../../src/ui/store/documentStore');

function scenario(doc: Record<string, unknown>): Scenario {
  const r = parseScenario({ version: 1, ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** A localStorage for Node, with an optional size limit like a browser's. */
function fakeLocalStorage(limit = Infinity): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => {
      if (v.length > limit) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
  };
}

async function freshArchive() {
  // A fresh database per test: fake-indexeddb keeps them for the whole file.
  persistence.archiveOrNull()?.close();
  await deleteDB('archsim');
  const archive = await openArchive();
  persistence.attachArchive(archive);
  return archive;
}

// The page events autosave listens to, without a DOM.
vi.stubGlobal('window', new EventTarget());
vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));

beforeEach(() => {
  vi.stubGlobal('localStorage', fakeLocalStorage(2 * 1024 * 1024));
  useDocument.getState().loadDocument(scenario({ name: 'Start' }), 'default');
  useWork.setState({ designId: null, galleryId: null, baseline: useDocument.getState().scenario, dirty: false, designs: [], message: null, storage: 'ready', embed: false });
});

describe('the archive', () => {
  it('stores designs and the work, lists without loading texts, and holds 5 MB', async () => {
    const archive = await freshArchive();
    const big = JSON.stringify(bigDesign(5 * 1024 * 1024));
    await archive.putDesign({ id: 'a', name: 'A', createdAt: 1, updatedAt: 5, bytes: big.length }, big);
    await archive.putDesign({ id: 'b', name: 'B', createdAt: 2, updatedAt: 9, bytes: 2 }, '{}');
    expect((await archive.listDesigns()).map((d) => d.name)).toEqual(['B', 'A']);
    expect(await archive.readDesignText('a')).toBe(big);
    await archive.deleteDesign('a');
    expect(await archive.readDesignText('a')).toBeUndefined();
    expect((await archive.listDesigns()).map((d) => d.id)).toEqual(['b']);
  });

  it('puts storage errors into words', () => {
    expect(describeStorageError(new DOMException('x', 'QuotaExceededError'))).toMatchObject({ kind: 'quota', message: expect.stringMatching(/storage for this site is full/) });
    expect(describeStorageError(new DOMException('denied', 'SecurityError'))).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/private window/) });
    expect(describeStorageError(new Error('boom'))).toMatchObject({ kind: 'failed' });
    expect(describeStorageError(new StorageProblem('as is', 'quota')).message).toBe('as is');
  });

  it('refuses to open without IndexedDB, with a StorageProblem', async () => {
    await expect(openArchive(false)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('restoring the work', () => {
  it('a valid work comes back; an invalid one names its field and is set aside', () => {
    const ok = persistence.restoreWork({ text: JSON.stringify(scenario({ name: 'Back' })), designId: null, origin: 'autosave', galleryId: null, dirty: true, savedAt: 1 });
    expect(ok.kind === 'ok' && ok.scenario.name).toBe('Back');
    const bad = persistence.restoreWork({ text: '{"version":1,"nodes":[{"id":"x","kind":"server","config":{"replicas":0}}]}', designId: null, origin: 'autosave', galleryId: null, dirty: true, savedAt: 1 });
    expect(bad.kind).toBe('invalid');
    if (bad.kind === 'invalid') expect(bad.lines[0]).toBe('nodes[0].config.replicas: must be an integer ≥ 1');
    expect(persistence.restoreWork(undefined).kind).toBe('none');
  });

  it('the journal written at pagehide holds the last edit, and a save clears it', async () => {
    const archive = await freshArchive();
    const stop = persistence.startAutosave();
    useDocument.getState().setField(scenarioTarget, ['name'], 'Edited just before leaving');
    window.dispatchEvent(new Event('pagehide'));
    const journal = persistence.readJournal();
    expect(journal && JSON.parse(journal.text).name).toBe('Edited just before leaving');
    expect(journal?.dirty).toBe(true);
    await persistence.saveNow();
    expect(persistence.readJournal()).toBeNull();
    expect(JSON.parse((await archive.readWork())!.text).name).toBe('Edited just before leaving');
    stop();
  });

  it('a journal too big for localStorage fails quietly; the archive still has the work', async () => {
    const archive = await freshArchive();
    const stop = persistence.startAutosave();
    vi.stubGlobal('localStorage', fakeLocalStorage(1000));
    const big = parseScenario(bigDesign(3 * 1024 * 1024));
    if (!big.ok) throw new Error('fixture');
    useDocument.getState().loadDocument(big.scenario, 'import');
    window.dispatchEvent(new Event('pagehide'));
    await persistence.saveNow();
    expect(persistence.readJournal()).toBeNull();
    expect((await archive.readWork())!.text.length).toBeGreaterThan(3 * 1024 * 1024);
    stop();
  });
});

describe('opening never loses the work it replaces', () => {
  it('a changed, unsaved design is kept in the library beside the new one', async () => {
    const archive = await freshArchive();
    useDocument.getState().setField(scenarioTarget, ['name'], 'My draft');
    useWork.setState({ dirty: true });
    const draft = useDocument.getState().scenario;
    const opened = await openDesign(scenario({ name: 'From a link' }), 'link');
    expect(opened).toEqual({ ok: true, kept: 'Your previous design "My draft" was kept in your library (Designs).' });
    expect(useDocument.getState().scenario.name).toBe('From a link');
    expect(useWork.getState()).toMatchObject({ designId: null, dirty: false });
    const [kept] = await archive.listDesigns();
    expect(kept.name).toBe('My draft');
    expect(JSON.parse((await archive.readDesignText(kept.id))!)).toEqual(draft);
  });

  it('an untouched design is simply replaced; a library design is saved first', async () => {
    const archive = await freshArchive();
    expect((await openDesign(scenario({ name: 'Gallery one' }), 'gallery', { galleryId: 'mm1' })).kept).toBeNull();
    expect(await archive.listDesigns()).toEqual([]);
    expect(useWork.getState().galleryId).toBe('mm1');

    await saveAs('Mine');
    const id = useWork.getState().designId!;
    useDocument.getState().setField(scenarioTarget, ['seed'], 99);
    await openDesign(scenario({ name: 'Other' }), 'new');
    expect(JSON.parse((await archive.readDesignText(id))!).seed).toBe(99);
    expect(await openFromLibrary(id)).toBe(true);
    expect(useDocument.getState().scenario).toMatchObject({ name: 'Mine', seed: 99 });
  });

  it('without storage, changed work is not replaced: a message says why', async () => {
    persistence.attachArchive(null);
    useDocument.getState().setField(scenarioTarget, ['name'], 'Unstorable');
    useWork.setState({ dirty: true });
    const opened = await openDesign(scenario({ name: 'Incoming' }), 'import');
    expect(opened.ok).toBe(false);
    expect(useDocument.getState().scenario.name).toBe('Unstorable');
    expect(useWork.getState().message?.lines[0]).toMatch(/is not saved and this browser cannot store it: export it first/);
  });

  it('a library design whose last changes cannot be saved is not replaced', async () => {
    const archive = await freshArchive();
    await saveAs('Stored once');
    persistence.attachArchive({
      ...archive,
      saveWork: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    useDocument.getState().setField(scenarioTarget, ['seed'], 1234);
    const opened = await openDesign(scenario({ name: 'Incoming' }), 'gallery');
    expect(opened.ok).toBe(false);
    expect(useDocument.getState().scenario).toMatchObject({ name: 'Stored once', seed: 1234 });
    expect(useWork.getState().message?.lines[0]).toMatch(/latest changes to "Stored once" could not be saved: export it first/);
  });

  it('bad text opens nothing and names every field', async () => {
    await freshArchive();
    const before = useDocument.getState().scenario;
    expect(await openText('{"version":1,"seed":"x","nodes":[{"id":"a","kind":"cache","config":{"capacity":-1}}]}', 'pasted JSON')).toBe(false);
    expect(useDocument.getState().scenario).toBe(before);
    expect(useWork.getState().message).toEqual({
      tone: 'problem',
      title: 'The pasted JSON cannot be opened: your work is unchanged',
      lines: ['seed: must be an integer', 'nodes[0].config.capacity: must be an integer ≥ 1'],
    });
  });

  it('a stored design that no longer validates names its field and opens nothing', async () => {
    const archive = await freshArchive();
    await archive.putDesign({ id: 'old', name: 'Old one', createdAt: 1, updatedAt: 1, bytes: 10 }, '{"version":1,"durationMs":0}');
    useWork.setState({ designs: await archive.listDesigns() });
    const before = useDocument.getState().scenario;
    expect(await openFromLibrary('old')).toBe(false);
    expect(useDocument.getState().scenario).toBe(before);
    expect(useWork.getState().message).toMatchObject({
      title: 'The design "Old one" cannot be opened: your work is unchanged',
      lines: ['durationMs: must be a number ≥ 1'],
    });
  });
});

describe('library operations', () => {
  it('save as, rename, duplicate and delete', async () => {
    const archive = await freshArchive();
    expect(await saveAs('  Payments  ')).toBe(true);
    const id = useWork.getState().designId!;
    expect(useDocument.getState().scenario.name).toBe('Payments');
    expect(await renameDesign(id, 'Payments v2')).toBe(true);
    await persistence.saveNow();
    expect(JSON.parse((await archive.readDesignText(id))!).name).toBe('Payments v2');
    expect(await duplicateDesign(id)).toBe(true);
    const copy = useWork.getState().designs.find((d) => d.name === 'Payments v2 (copy)')!;
    expect(JSON.parse((await archive.readDesignText(copy.id))!).name).toBe('Payments v2 (copy)');
    // Renaming a design that is not open rewrites its stored document's name too.
    expect(await renameDesign(copy.id, 'Plan C')).toBe(true);
    expect(JSON.parse((await archive.readDesignText(copy.id))!).name).toBe('Plan C');
    // An invalid name is refused with the field.
    expect(await renameDesign(copy.id, 'x'.repeat(300))).toBe(false);
    expect(useWork.getState().message?.lines[0]).toMatch(/^name: must be a string of at most 200 characters/);
    // Deleting the open design leaves it on the canvas, unsaved.
    expect(await deleteDesign(id)).toBe(true);
    expect(useWork.getState().designId).toBeNull();
    expect(useDocument.getState().scenario.name).toBe('Payments v2');
    expect((await archive.listDesigns()).map((d) => d.name)).toEqual(['Plan C']);
  });
});

describe('opening another design and the editor', () => {
  it('an open is not an undo step: undo right after it does nothing, so it cannot write the old design into the new one', async () => {
    const archive = await freshArchive();
    await saveAs('First design');
    const firstId = useWork.getState().designId!;
    useDocument.getState().setField(scenarioTarget, ['seed'], 5);
    // Two steps to undo: the name Save gave it, and the seed.
    expect(useDocument.getState().history.past).toHaveLength(2);
    expect((await openDesign(scenario({ name: 'Second design', seed: 9 }), 'gallery')).ok).toBe(true);
    expect(useDocument.getState().history).toEqual({ past: [], future: [] });
    expect(useDocument.getState().undo()).toBe(false);
    expect(useDocument.getState().redo()).toBe(false);
    expect(useDocument.getState().scenario).toMatchObject({ name: 'Second design', seed: 9 });
    await persistence.saveNow();
    expect(JSON.parse((await archive.readWork())!.text)).toMatchObject({ name: 'Second design', seed: 9 });
    // The first design kept its last edit.
    expect(JSON.parse((await archive.readDesignText(firstId))!)).toMatchObject({ name: 'First design', seed: 5 });
  });

  it('a document without positions opens laid out, as it was opened: no undo step, not a change', async () => {
    await freshArchive();
    const ids = ['users', 'lb', 'a', 'b', 'c'];
    const flat = scenario({
      name: 'No positions',
      nodes: ids.map((id) => ({ id, kind: id === 'users' ? 'client' : id === 'lb' ? 'loadBalancer' : 'server' })),
      edges: [
        { id: 'e1', from: 'users', to: 'lb' },
        { id: 'e2', from: 'lb', to: 'a' },
        { id: 'e3', from: 'lb', to: 'b' },
        { id: 'e4', from: 'lb', to: 'c' },
      ],
    });
    expect(new Set(flat.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(1);
    expect((await openDesign(flat, 'import')).ok).toBe(true);
    const opened = useDocument.getState().scenario;
    expect(new Set(opened.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(ids.length);
    // Left to right by tier: the client first, the servers last.
    const x = (id: string) => opened.nodes.find((n) => n.id === id)!.position.x;
    expect(x('users')).toBeLessThan(x('lb'));
    expect(x('lb')).toBeLessThan(x('a'));
    expect(useDocument.getState().history.past).toHaveLength(0);
    expect(useWork.getState()).toMatchObject({ dirty: false, baseline: opened });
  });

  it('every edit through the edit path is autosaved, undo and redo included', async () => {
    const archive = await freshArchive();
    const stop = persistence.startAutosave();
    const stored = async () => {
      await persistence.saveNow();
      return JSON.parse((await archive.readWork())!.text) as Scenario;
    };
    const id = useDocument.getState().addNode('server', { x: 100, y: 100 })!;
    expect(useWork.getState().dirty).toBe(true);
    expect((await stored()).nodes.map((n) => n.id)).toContain(id);
    useDocument.getState().undo();
    expect((await stored()).nodes.map((n) => n.id)).not.toContain(id);
    useDocument.getState().redo();
    expect((await stored()).nodes.map((n) => n.id)).toContain(id);
    useDocument.getState().setField({ type: 'node', id }, ['config', 'replicas'], 4);
    expect((await stored()).nodes.find((n) => n.id === id)).toMatchObject({ config: { replicas: 4 } });
    stop();
  });

  it('a read-only (embedded) document refuses every edit, undo and redo', () => {
    useDocument.getState().setField(scenarioTarget, ['seed'], 3);
    const before = useDocument.getState().scenario;
    useDocument.setState({ readOnly: true });
    try {
      const result = useDocument.getState().setField(scenarioTarget, ['seed'], 4);
      expect(result).toEqual({ ok: false, errors: [{ path: '(document)', message: 'this view is read-only' }] });
      expect(useDocument.getState().addNode('server', { x: 0, y: 0 })).toBeNull();
      expect(useDocument.getState().undo()).toBe(false);
      expect(useDocument.getState().scenario).toBe(before);
    } finally {
      useDocument.setState({ readOnly: false });
    }
  });
});
