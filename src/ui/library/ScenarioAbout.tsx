/**
 * The scenario's own words in the inspector: its description, a "new seed" button for the
 * seed field, and, for a gallery scenario, what to watch and what to try. Edits go through
 * the document's edit path like any other field (one undo step per burst of typing).
 */
import { useEffect, useId, useState } from 'react';
import { formatPath } from '../../model';
import type { GalleryEntry } from '../../model/gallery';
import { FieldShell } from '../inspector/form/FieldShell';
import { errorsAt, scenarioTarget, useDocument } from '../store';
import { useWork } from './workStore';

/** A seed for "new seed": random, and small enough to read out and type back. */
export function randomSeed(): number {
  const value = new Uint32Array(1);
  crypto.getRandomValues(value);
  return value[0] % 1_000_000_000;
}

function useGalleryEntry(id: string | null): GalleryEntry | null {
  const [entry, setEntry] = useState<GalleryEntry | null>(null);
  useEffect(() => {
    let live = true;
    if (id === null) setEntry(null);
    else void import('../../model/gallery').then((g) => live && setEntry(g.galleryEntry(id) ?? null));
    return () => {
      live = false;
    };
  }, [id]);
  return entry;
}

export function DescriptionField() {
  const id = useId();
  const description = useDocument((s) => s.scenario.description ?? '');
  const [draft, setDraft] = useState(description);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The document changed from elsewhere (undo, another design): show its text.
    setDraft(description);
    setError(null);
  }, [description]);

  function commit(value: string) {
    setDraft(value);
    const result = useDocument.getState().setField(scenarioTarget, ['description'], value === '' ? undefined : value, 'scenario:description');
    const mine = result.ok ? undefined : (errorsAt(result.errors, formatPath(['description']))[0] ?? result.errors[0]);
    setError(mine ? `${mine.path}: ${mine.message}` : null);
  }

  return (
    <FieldShell label="Description" htmlFor={id} testId="field-description" error={error} help="What the design is for, in a few sentences.">
      <textarea id={id} className="prose" data-testid="field-description" rows={4} value={draft} aria-invalid={error ? true : undefined} onChange={(e) => commit(e.target.value)} />
    </FieldShell>
  );
}

export function NewSeedButton() {
  return (
    <div className="seed-row">
      <button
        type="button"
        className="tool-button"
        data-testid="new-seed"
        title="Another run of the same design: different random draws, same averages"
        onClick={() => useDocument.getState().setField(scenarioTarget, ['seed'], randomSeed())}
      >
        New seed
      </button>
    </div>
  );
}

/** A gallery scenario's lesson: what to watch, what to try. */
export function GalleryLesson() {
  const galleryId = useWork((s) => s.galleryId);
  const entry = useGalleryEntry(galleryId);
  if (!entry) return null;
  return (
    <div className="lesson" data-testid="lesson">
      <p>
        <span className="label">Watch: </span>
        {entry.watch}
      </p>
      <p>
        <span className="label">Try: </span>
        {entry.try}
      </p>
    </div>
  );
}
