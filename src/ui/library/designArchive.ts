/**
 * Where the user's designs live: IndexedDB (through `idb`), which holds far
 * more than localStorage. Three stores: the library's list (small records, so
 * listing never loads a 5 MB design), the designs' texts, and the current work
 * (autosaved). Documents are kept as JSON text and validated by the one schema
 * whenever they come back, like any document from outside.
 *
 * Every failure becomes a {@link StorageProblem} with words for people: a full
 * disk, a private window, a browser that refuses storage.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DocumentOrigin } from '../store/documentStore';

export interface DesignMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Length of the document's JSON text. */
  bytes: number;
}

/** The current work, as autosaved: what is on the canvas and where it came from. */
export interface WorkRecord {
  text: string;
  /** The library design this work is saved to; null while it is an unsaved design. */
  designId: string | null;
  origin: DocumentOrigin;
  galleryId: string | null;
  /** Changed since it was opened or saved: an unsaved dirty design is kept when replaced. */
  dirty: boolean;
  savedAt: number;
}

interface ArchiveSchema extends DBSchema {
  designs: { key: string; value: DesignMeta };
  texts: { key: string; value: { id: string; text: string } };
  work: { key: string; value: WorkRecord };
}

const DB_NAME = 'archsim';
const DB_VERSION = 1;
const CURRENT = 'current';
/** A saved work that failed to load is set aside here, never thrown away. */
const REJECTED = 'rejected';

export class StorageProblem extends Error {
  constructor(
    message: string,
    readonly kind: 'quota' | 'unavailable' | 'failed',
  ) {
    super(message);
    this.name = 'StorageProblem';
  }
}

/** Words for a storage error; the browser's own name for it is kept at the end for the curious. */
export function describeStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const detail = error instanceof Error && error.message ? ` (${name || 'Error'}: ${error.message})` : name ? ` (${name})` : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((error as Error)?.message))) {
    return new StorageProblem(`the browser's storage for this site is full${detail}`, 'quota');
  }
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotSupportedError' || name === 'UnknownError') {
    return new StorageProblem(`this browser does not let the page store data, as in a private window${detail}`, 'unavailable');
  }
  return new StorageProblem(`the browser could not store data${detail}`, 'failed');
}

export interface DesignArchive {
  readWork(): Promise<WorkRecord | undefined>;
  writeWork(work: WorkRecord): Promise<void>;
  /** Sets a work record that failed to load aside (one slot: the latest). */
  setAsideWork(work: WorkRecord): Promise<void>;
  listDesigns(): Promise<DesignMeta[]>;
  readDesignText(id: string): Promise<string | undefined>;
  /** Writes a design's list entry and text together (one transaction). */
  putDesign(meta: DesignMeta, text: string): Promise<void>;
  /** Writes the work and, when it belongs to a library design, that design too (one transaction). */
  saveWork(work: WorkRecord, design: DesignMeta | null): Promise<void>;
  deleteDesign(id: string): Promise<void>;
  close(): void;
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Opens the archive; a browser without usable IndexedDB gets a StorageProblem, not a crash. */
export async function openArchive(available: boolean = typeof indexedDB !== 'undefined'): Promise<DesignArchive> {
  if (!available) throw new StorageProblem('this browser has no IndexedDB storage', 'unavailable');
  const db: IDBPDatabase<ArchiveSchema> = await guard(() =>
    openDB<ArchiveSchema>(DB_NAME, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('designs', { keyPath: 'id' });
        database.createObjectStore('texts', { keyPath: 'id' });
        database.createObjectStore('work');
      },
      // Another tab with a newer archsim wants to upgrade the database: let it.
      blocking() {
        db.close();
      },
    }),
  );

  return {
    readWork: () => guard(() => db.get('work', CURRENT)),
    writeWork: (work) => guard(async () => void (await db.put('work', work, CURRENT))),
    setAsideWork: (work) => guard(async () => void (await db.put('work', work, REJECTED))),
    async listDesigns() {
      const all = await guard(() => db.getAll('designs'));
      return all.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    readDesignText: (id) => guard(async () => (await db.get('texts', id))?.text),
    putDesign: (meta, text) =>
      guard(async () => {
        const tx = db.transaction(['designs', 'texts'], 'readwrite');
        await Promise.all([tx.objectStore('designs').put(meta), tx.objectStore('texts').put({ id: meta.id, text }), tx.done]);
      }),
    saveWork: (work, design) =>
      guard(async () => {
        const tx = db.transaction(['work', 'designs', 'texts'], 'readwrite');
        const writes: Promise<unknown>[] = [tx.objectStore('work').put(work, CURRENT)];
        if (design) {
          writes.push(tx.objectStore('designs').put(design), tx.objectStore('texts').put({ id: design.id, text: work.text }));
        }
        await Promise.all([...writes, tx.done]);
      }),
    deleteDesign: (id) =>
      guard(async () => {
        const tx = db.transaction(['designs', 'texts'], 'readwrite');
        await Promise.all([tx.objectStore('designs').delete(id), tx.objectStore('texts').delete(id), tx.done]);
      }),
    close: () => db.close(),
  };
}

/** A fresh id for a design: random, so two tabs never collide. */
export function newDesignId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `d-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
