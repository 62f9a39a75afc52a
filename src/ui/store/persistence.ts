/**
 * The current work survives a reload (SPEC §5). It is autosaved to IndexedDB a moment after
 * each change and, when the page goes away (`pagehide`, or hidden), written at once: to
 * localStorage synchronously as a journal (an IndexedDB write may not finish while the page
 * unloads) and to IndexedDB. On the next start the newer of the two wins. A work saved to a
 * library design updates that design too. Storage failures are messages, never crashes.
 */
import { formatErrors, parseScenarioText, type Scenario } from '../../model';
import { describeStorageError, type DesignArchive, type DesignMeta, type WorkRecord } from '../library/designArchive';
import { showProblem, useWork } from '../library/workStore';
import { workScenario } from '../compare/compareStore';
import { useDocument } from './documentStore';

const JOURNAL_KEY = 'archsim.work.journal';
/** Where the app before IndexedDB autosaved; read once, then moved into the archive. */
const LEGACY_KEY = 'archsim.scenario';
const SAVE_DELAY_MS = 400;

let archive: DesignArchive | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
/** The latest write: true when it (and so the work) is stored. */
let writing: Promise<boolean> = Promise.resolve(true);
/**
 * What the latest queued write stores, so an unchanged work is not written again. Writes
 * run one after another, so the latest queued one is what storage ends up holding.
 */
let lastQueued: string | null = null;
let reportedFailure = false;

function localStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function attachArchive(opened: DesignArchive | null): void {
  archive = opened;
}

export function archiveOrNull(): DesignArchive | null {
  return archive;
}

/** The work record of the user's design: what is on the canvas, or A while B is (compare). */
export function currentWork(): WorkRecord {
  const { origin } = useDocument.getState();
  const scenario = workScenario();
  const { designId, galleryId, dirty } = useWork.getState();
  return { text: JSON.stringify(scenario), designId, origin, galleryId, dirty, savedAt: Date.now() };
}

function designMetaFor(work: WorkRecord, scenario: Scenario): DesignMeta | null {
  if (work.designId === null) return null;
  const existing = useWork.getState().designs.find((d) => d.id === work.designId);
  return {
    id: work.designId,
    name: scenario.name,
    createdAt: existing?.createdAt ?? work.savedAt,
    updatedAt: work.savedAt,
    bytes: work.text.length,
  };
}

function keyOf(work: WorkRecord): string {
  return `${work.designId}\u0000${work.dirty}\u0000${work.galleryId}\u0000${work.text}`;
}

/** The work on the canvas is what storage holds (just restored from it): no need to write it again. */
export function markStored(): void {
  lastQueued = keyOf(currentWork());
}

/** Writes the work (and its library design) now; resolves to whether it is stored. */
export function saveNow(): Promise<boolean> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  const store = archive;
  if (!store || useWork.getState().embed) return Promise.resolve(false);
  const work = currentWork();
  const design = designMetaFor(work, workScenario());
  const key = keyOf(work);
  if (key === lastQueued) return writing;
  lastQueued = key;
  writing = writing
    .then(() => store.saveWork(work, design))
    .then(() => {
      reportedFailure = false;
      clearJournal();
      const { designs } = useWork.getState();
      const list = design ? [design, ...designs.filter((d) => d.id !== design.id)] : designs;
      useWork.setState({ savedAt: work.savedAt, designs: list });
      return true;
    })
    .catch((error: unknown) => {
      if (lastQueued === key) lastQueued = null; // try again next time
      // Said once until a save works again; the work stays on the canvas either way.
      if (!reportedFailure) {
        reportedFailure = true;
        showProblem('Your work could not be saved in this browser', [
          `${describeStorageError(error).message}.`,
          'It stays on this page while it is open: export it as a file to keep it.',
        ]);
      }
      return false;
    });
  return writing;
}

export function scheduleSave(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
}

/** Synchronous: the only kind of write sure to finish while the page unloads. */
function writeJournal(): void {
  if (useWork.getState().embed) return;
  try {
    localStore()?.setItem(JOURNAL_KEY, JSON.stringify(currentWork()));
  } catch {
    // Too big for localStorage, or storage denied: the IndexedDB write below still runs.
  }
}

function clearJournal(): void {
  try {
    localStore()?.removeItem(JOURNAL_KEY);
  } catch {
    // Nothing to clear where nothing can be stored.
  }
}

function isWorkRecord(value: unknown): value is WorkRecord {
  const v = value as WorkRecord | null;
  return typeof v === 'object' && v !== null && typeof v.text === 'string' && typeof v.savedAt === 'number';
}

/** The journal written at the last `pagehide`, if it is there and readable. */
export function readJournal(): WorkRecord | null {
  try {
    const text = localStore()?.getItem(JOURNAL_KEY);
    if (!text) return null;
    const value: unknown = JSON.parse(text);
    if (!isWorkRecord(value)) return null;
    return {
      text: value.text,
      savedAt: value.savedAt,
      designId: typeof value.designId === 'string' ? value.designId : null,
      origin: 'autosave',
      galleryId: typeof value.galleryId === 'string' ? value.galleryId : null,
      dirty: value.dirty !== false,
    };
  } catch {
    return null;
  }
}

/** The document the app autosaved before it used IndexedDB, as an unsaved, changed work. */
export function readLegacyWork(): WorkRecord | null {
  try {
    const text = localStore()?.getItem(LEGACY_KEY);
    return text ? { text, designId: null, origin: 'autosave', galleryId: null, dirty: true, savedAt: 0 } : null;
  } catch {
    return null;
  }
}

export function forgetLegacyWork(): void {
  try {
    localStore()?.removeItem(LEGACY_KEY);
  } catch {
    // Nothing to forget.
  }
}

export type RestoredWork =
  | { kind: 'none' }
  | { kind: 'ok'; scenario: Scenario; work: WorkRecord }
  | { kind: 'invalid'; work: WorkRecord; message: string; lines: string[] };

/** Validates a saved work like any document from outside; a bad one names its fields. */
export function restoreWork(work: WorkRecord | null | undefined): RestoredWork {
  if (!work) return { kind: 'none' };
  const result = parseScenarioText(work.text);
  if (result.ok) return { kind: 'ok', scenario: result.scenario, work };
  return {
    kind: 'invalid',
    work,
    message: 'Your last design could not be loaded, so a new one was started',
    lines: [
      ...formatErrors(result.errors.slice(0, 12)).split('\n'),
      ...(result.errors.length > 12 ? [`… and ${result.errors.length - 12} more`] : []),
      'The saved text was set aside in this browser, not deleted.',
    ],
  };
}

/** Marks the work changed on every edit and saves it soon after; flushes when the page goes. */
export function startAutosave(): () => void {
  const unsubscribe = useDocument.subscribe((state, previous) => {
    if (state.scenario === previous.scenario) return;
    const { baseline, dirty } = useWork.getState();
    const changed = workScenario() !== baseline;
    if (changed !== dirty) useWork.setState({ dirty: changed });
    scheduleSave();
  });
  const flush = () => {
    writeJournal();
    void saveNow();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
