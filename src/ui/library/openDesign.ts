/**
 * The one way another design replaces the work on the canvas (a link, the gallery, a file,
 * a paste, the library, "New"), and the library's own operations. Opening never loses the
 * work it replaces: a library design is already saved (its last edits are written first),
 * and an unsaved design that was changed is kept in the library beside the new one.
 */
import { leaveCompare } from '../compare/compareStore';
import { parseScenario, parseScenarioText, type Scenario } from '../../model';
import { placedForCanvas } from '../canvas/layout';
import { scenarioTarget, simulation, useDocument, useSession, type DocumentOrigin } from '../store';
import { archiveOrNull, saveNow } from '../store/persistence';
import { describeStorageError, newDesignId, type DesignMeta } from './designArchive';
import { errorLines, showInfo, showProblem, useWork } from './workStore';

function problemText(error: unknown): string {
  return `${describeStorageError(error).message}.`;
}

/** Refreshes the library's list from storage. */
export async function refreshDesigns(): Promise<void> {
  const archive = archiveOrNull();
  if (!archive) return;
  try {
    useWork.setState({ designs: await archive.listDesigns() });
  } catch (error) {
    showProblem('Your library could not be read', [problemText(error)]);
  }
}

/** Puts a document in the library as a new design and returns its entry. */
async function addToLibrary(scenario: Scenario, name = scenario.name): Promise<DesignMeta> {
  const archive = archiveOrNull();
  if (!archive) throw new Error(useWork.getState().storageProblem ?? 'storage is not available');
  const named = name === scenario.name ? scenario : { ...scenario, name };
  const text = JSON.stringify(named);
  const now = Date.now();
  const meta: DesignMeta = { id: newDesignId(), name, createdAt: now, updatedAt: now, bytes: text.length };
  await archive.putDesign(meta, text);
  useWork.setState((s) => ({ designs: [meta, ...s.designs] }));
  return meta;
}

/**
 * Makes sure the work on the canvas is stored before something replaces it. Returns what was
 * kept (for the message), or null when there was nothing to keep; throws when changed work
 * could not be kept (the caller then leaves the canvas as it is).
 */
async function keepCurrentWork(): Promise<string | null> {
  const { designId, dirty } = useWork.getState();
  if (designId !== null) {
    if (!(await saveNow())) {
      throw new Error(`The latest changes to "${useDocument.getState().scenario.name}" could not be saved: export it first.`);
    }
    return null;
  }
  if (!dirty) return null;
  const scenario = useDocument.getState().scenario;
  if (!archiveOrNull()) {
    throw new Error(`Your current design "${scenario.name}" is not saved and this browser cannot store it: export it first.`);
  }
  const meta = await addToLibrary(scenario);
  return `Your previous design "${meta.name}" was kept in your library (Designs).`;
}

export interface OpenOptions {
  designId?: string | null;
  galleryId?: string | null;
}

/**
 * Replaces the work on the canvas with `scenario` as a new design (unsaved unless it comes
 * from the library), after keeping the current work. Returns false, with a message, when
 * the current work could not be kept; the canvas is then left alone.
 */
export async function openDesign(opened: Scenario, origin: DocumentOrigin, options: OpenOptions = {}): Promise<{ ok: boolean; kept: string | null }> {
  // A document without positions arrives laid out: that is how it opens, not an edit.
  const scenario = await placedForCanvas(opened);
  let kept: string | null;
  // Another design replaces A: B, a scratch copy to compare against, goes with it.
  leaveCompare();
  try {
    kept = await keepCurrentWork();
  } catch (error) {
    showProblem('Nothing was opened, so that your current work is not lost', [error instanceof Error ? error.message : String(error)]);
    return { ok: false, kept: null };
  }
  useDocument.getState().loadDocument(scenario, origin);
  useWork.setState((s) => ({
    designId: options.designId ?? null,
    galleryId: options.galleryId ?? null,
    baseline: scenario,
    dirty: false,
    openCount: s.openCount + 1,
  }));
  useSession.getState().select({ nodeIds: [], edgeIds: [] });
  void simulation.load();
  void saveNow();
  return { ok: true, kept };
}

/** Opens pasted or uploaded text through the one schema; `source` names it in messages. */
export async function openText(text: string, source: string): Promise<boolean> {
  const result = parseScenarioText(text);
  if (!result.ok) {
    showProblem(`The ${source} cannot be opened: your work is unchanged`, result.errors);
    return false;
  }
  const opened = await openDesign(result.scenario, 'import');
  if (opened.ok) {
    showInfo(`Opened the ${source} as a new, unsaved design: "${result.scenario.name}"`, opened.kept ? [opened.kept] : []);
  }
  return opened.ok;
}

/** The largest scenario file archsim reads (the schema's own limits allow big documents). */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

export async function openFile(file: File): Promise<boolean> {
  const source = `file "${file.name}"`;
  if (file.size > MAX_IMPORT_BYTES) {
    showProblem(`The ${source} cannot be opened: your work is unchanged`, [
      `(file): is too large: ${(file.size / 1024 / 1024).toFixed(1)} MB; archsim opens scenario files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    ]);
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    showProblem(`The ${source} could not be read: your work is unchanged`, [String(error)]);
    return false;
  }
  return openText(text, source);
}

/** Opens a library design; a stored design that no longer validates names its fields. */
export async function openFromLibrary(id: string): Promise<boolean> {
  const archive = archiveOrNull();
  const meta = useWork.getState().designs.find((d) => d.id === id);
  if (!archive || !meta) return false;
  if (useWork.getState().designId === id) return true;
  let text: string | undefined;
  try {
    text = await archive.readDesignText(id);
  } catch (error) {
    showProblem(`The design "${meta.name}" could not be read`, [problemText(error)]);
    return false;
  }
  const result = text === undefined ? null : parseScenarioText(text);
  if (!result || !result.ok) {
    showProblem(`The design "${meta.name}" cannot be opened: your work is unchanged`, result ? errorLines(result.errors) : ['(design): its text is missing from storage']);
    return false;
  }
  const opened = await openDesign(result.scenario, 'library', { designId: id });
  if (opened.ok) showInfo(`Opened "${meta.name}" from your library`, opened.kept ? [opened.kept] : []);
  return opened.ok;
}

/** Saves the work as a new library design (Save for an unsaved design, Save as for any). */
export async function saveAs(name: string): Promise<boolean> {
  const trimmed = name.trim();
  const scenario = useDocument.getState().scenario;
  const candidate = parseScenario({ ...scenario, name: trimmed });
  if (!candidate.ok) {
    showProblem('The design was not saved', candidate.errors);
    return false;
  }
  try {
    const meta = await addToLibrary(candidate.scenario);
    // The canvas now shows the saved copy: later edits go to it.
    if (candidate.scenario.name !== scenario.name) useDocument.getState().setField(scenarioTarget, ['name'], candidate.scenario.name);
    useWork.setState({ designId: meta.id, dirty: false, baseline: useDocument.getState().scenario });
    await saveNow();
    showInfo(`Saved "${meta.name}" in your library`);
    return true;
  } catch (error) {
    showProblem('The design was not saved', [problemText(error)]);
    return false;
  }
}

/** Renames a library design: its list entry and, when its text validates, its document. */
export async function renameDesign(id: string, name: string): Promise<boolean> {
  const trimmed = name.trim();
  const archive = archiveOrNull();
  const meta = useWork.getState().designs.find((d) => d.id === id);
  if (!archive || !meta || trimmed === meta.name) return false;
  if (useWork.getState().designId === id) {
    const result = useDocument.getState().setField(scenarioTarget, ['name'], trimmed);
    if (!result.ok) showProblem('The design was not renamed', result.errors);
    else await saveNow();
    return result.ok;
  }
  try {
    const text = (await archive.readDesignText(id)) ?? '';
    const parsed = parseScenarioText(text);
    let nextText = text;
    if (parsed.ok) {
      const renamed = parseScenario({ ...parsed.scenario, name: trimmed });
      if (!renamed.ok) {
        showProblem('The design was not renamed', renamed.errors);
        return false;
      }
      nextText = JSON.stringify(renamed.scenario);
    }
    const next = { ...meta, name: trimmed, updatedAt: Date.now(), bytes: nextText.length };
    await archive.putDesign(next, nextText);
    useWork.setState((s) => ({ designs: s.designs.map((d) => (d.id === id ? next : d)) }));
    return true;
  } catch (error) {
    showProblem('The design was not renamed', [problemText(error)]);
    return false;
  }
}

export async function duplicateDesign(id: string): Promise<boolean> {
  const archive = archiveOrNull();
  const meta = useWork.getState().designs.find((d) => d.id === id);
  if (!archive || !meta) return false;
  try {
    if (useWork.getState().designId === id) await saveNow();
    const text = (await archive.readDesignText(id)) ?? '';
    const name = `${meta.name} (copy)`.slice(0, 200);
    const parsed = parseScenarioText(text);
    const copyText = parsed.ok ? JSON.stringify({ ...parsed.scenario, name }) : text;
    const now = Date.now();
    const copy: DesignMeta = { id: newDesignId(), name, createdAt: now, updatedAt: now, bytes: copyText.length };
    await archive.putDesign(copy, copyText);
    useWork.setState((s) => ({ designs: [copy, ...s.designs] }));
    return true;
  } catch (error) {
    showProblem('The design was not duplicated', [problemText(error)]);
    return false;
  }
}

/** Deletes a library design. Deleting the open one leaves it on the canvas as unsaved. */
export async function deleteDesign(id: string): Promise<boolean> {
  const archive = archiveOrNull();
  if (!archive) return false;
  try {
    await archive.deleteDesign(id);
    const wasOpen = useWork.getState().designId === id;
    useWork.setState((s) => ({
      designs: s.designs.filter((d) => d.id !== id),
      ...(wasOpen ? { designId: null, dirty: false, baseline: useDocument.getState().scenario } : {}),
    }));
    if (wasOpen) await saveNow();
    return true;
  } catch (error) {
    showProblem('The design was not deleted', [problemText(error)]);
    return false;
  }
}
