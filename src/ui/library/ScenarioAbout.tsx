/**
 * The scenario's own words in the inspector: its description, a "new seed" button beside
 * the seed, and, for a gallery scenario, what to watch and what to try.
 */
import { useEffect, useState } from 'react';
import type { GalleryEntry } from '../../model/gallery';
import { errorsAt, useDocument, type FieldError } from '../store';
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

export function ScenarioAbout() {
  const description = useDocument((s) => s.scenario.description ?? '');
  const galleryId = useWork((s) => s.galleryId);
  const embed = useWork((s) => s.embed);
  const entry = useGalleryEntry(galleryId);
  const [draft, setDraft] = useState(description);
  const [errors, setErrors] = useState<FieldError[]>([]);
  useEffect(() => setDraft(description), [description]);

  function commitDescription(value: string) {
    setDraft(value);
    const result = useDocument.getState().updateScenario({ description: value === '' ? undefined : value });
    setErrors(result.ok ? [] : result.errors);
  }

  const problems = errorsAt(errors, 'description');
  return (
    <>
      <div className={`field${problems.length > 0 ? ' invalid' : ''}`}>
        <label htmlFor="scenario-description">Description</label>
        <textarea
          id="scenario-description"
          data-testid="field-description"
          rows={4}
          value={draft}
          readOnly={embed}
          onChange={(e) => commitDescription(e.target.value)}
        />
        {problems.map((p) => (
          <span key={p} className="field-error">
            {p}
          </span>
        ))}
      </div>
      {!embed && (
        <div className="seed-row">
          <button
            type="button"
            className="tool-button"
            data-testid="new-seed"
            title="Another run of the same design: different random draws, same averages"
            onClick={() => useDocument.getState().updateScenario({ seed: randomSeed() })}
          >
            New seed
          </button>
          <span className="hint">Same seed, same numbers.</span>
        </div>
      )}
      {entry && (
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
      )}
    </>
  );
}
