/**
 * What happens before the first render: open storage, restore the work, open a link in the
 * address, start autosaving. Never throws: a browser without storage still gets the app,
 * with a message. In embed mode (`#s=…&embed=1`) nothing is read or written: the page shows
 * the link's scenario, read-only.
 */
import { placedForCanvas } from '../canvas/layout';
import { defaultScenario, useDocument } from '../store';
import {
  attachArchive,
  forgetLegacyWork,
  markStored,
  readJournal,
  readLegacyWork,
  restoreWork,
  saveNow,
  startAutosave,
} from '../store/persistence';
import { openArchive, describeStorageError, type DesignArchive, type WorkRecord } from './designArchive';
import { decodeLinkIn, openLinkInAddress } from './openLink';
import { showProblem, useWork } from './workStore';

/** How long to wait for IndexedDB before starting without it (a wedged browser profile). */
const STORAGE_TIMEOUT_MS = 5000;

export interface Started {
  embed: boolean;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`storage did not answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function startEmbed(link: NonNullable<ReturnType<typeof decodeLinkIn>>): Promise<Started> {
  useWork.setState({ embed: true, storage: 'unavailable' });
  // Nothing edits an embedded design: the store refuses every change, whatever asks for it.
  useDocument.setState({ readOnly: true });
  if (link.result.ok) {
    const scenario = await placedForCanvas(link.result.scenario);
    useDocument.getState().loadDocument(scenario, 'link');
    useWork.setState({ baseline: scenario });
  } else {
    useDocument.getState().loadDocument({ ...defaultScenario(), nodes: [], edges: [], faults: [], name: 'Invalid link' }, 'link');
    showProblem('This embedded link cannot be opened', link.result.errors);
  }
  return { embed: true };
}

async function openStorage(): Promise<DesignArchive | null> {
  try {
    const archive = await withTimeout(openArchive(), STORAGE_TIMEOUT_MS);
    useWork.setState({ storage: 'ready' });
    return archive;
  } catch (error) {
    const reason = describeStorageError(error).message;
    useWork.setState({ storage: 'unavailable', storageProblem: reason });
    showProblem('Your work cannot be saved in this browser', [
      `${reason}.`,
      'You can still draw, run, share and export designs; they are kept only while this page is open.',
    ]);
    return null;
  }
}

/** The newer of the autosaved work and the journal written as the page last went away. */
function newest(saved: WorkRecord | undefined, journal: WorkRecord | null): WorkRecord | undefined {
  if (!journal) return saved;
  if (!saved) return journal;
  return journal.savedAt > saved.savedAt ? journal : saved;
}

async function restore(archive: DesignArchive | null): Promise<void> {
  let saved: WorkRecord | undefined;
  try {
    saved = archive ? await archive.readWork() : undefined;
  } catch (error) {
    showProblem('Your last design could not be read', [`${describeStorageError(error).message}.`]);
  }
  const legacy = !saved ? readLegacyWork() : null;
  const chosen = newest(saved, readJournal()) ?? legacy;
  const restored = restoreWork(chosen);
  if (restored.kind === 'ok') {
    const { work } = restored;
    const scenario = await placedForCanvas(restored.scenario);
    useDocument.getState().loadDocument(scenario, 'autosave');
    useWork.setState({
      designId: work.designId,
      galleryId: work.galleryId,
      dirty: work.dirty,
      // A work that had changed stays changed (it is kept if something replaces it).
      baseline: work.dirty ? null : scenario,
    });
    if (chosen === saved && scenario === restored.scenario) markStored();
    // The journal, the old localStorage copy or a work just laid out: store it properly now
    // (and only then forget the old copy).
    else if ((await saveNow()) && chosen === legacy) forgetLegacyWork();
  } else if (restored.kind === 'invalid') {
    try {
      await archive?.setAsideWork(restored.work);
    } catch {
      // Setting it aside is a courtesy; the message below matters more.
    }
    showProblem(restored.message, restored.lines);
    useWork.setState({ baseline: useDocument.getState().scenario });
  } else {
    useWork.setState({ baseline: useDocument.getState().scenario });
  }
  if (archive) {
    try {
      useWork.setState({ designs: await archive.listDesigns() });
    } catch (error) {
      showProblem('Your library could not be read', [`${describeStorageError(error).message}.`]);
    }
  }
}

export async function startApp(): Promise<Started> {
  try {
    const link = decodeLinkIn(location.hash);
    if (link?.embed) return await startEmbed(link);
    const archive = await openStorage();
    attachArchive(archive);
    await restore(archive);
    startAutosave();
    await openLinkInAddress();
    // A link pasted into the address bar of an open page arrives as a hash change.
    window.addEventListener('hashchange', () => void openLinkInAddress());
    return { embed: false };
  } catch (error) {
    showProblem('archsim started without your saved work', [String(error)]);
    return { embed: false };
  }
}
