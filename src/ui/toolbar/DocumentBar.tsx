/**
 * The design's name and saved state, and what can be done with it: New (the gallery),
 * Designs (the library), Save, Import, Export, Share.
 */
import { lazy, Suspense, useState } from 'react';
import { saveAs } from '../library/openDesign';
import { downloadScenario } from '../library/exportFile';
import { useWork } from '../library/workStore';
import { useDocument } from '../store';
import { useCompare } from '../compare/compareStore';
import { ShareButton } from './ShareButton';
import '../library/library.css';

const GalleryDialog = lazy(() => import('../library/GalleryDialog'));
// The dialogs load when opened: the first screen does not need them.
const LibraryDialog = lazy(() => import('../library/LibraryDialog').then((m) => ({ default: m.LibraryDialog })));
const ImportDialog = lazy(() => import('../library/ImportDialog').then((m) => ({ default: m.ImportDialog })));

type Open = 'gallery' | 'library' | 'import' | null;

function SaveButtons() {
  const designId = useWork((s) => s.designId);
  const storage = useWork((s) => s.storage);
  const name = useDocument((s) => s.scenario.name);
  const comparing = useCompare((s) => s.active);
  const disabled = storage !== 'ready' || comparing;
  const why = comparing ? 'Leave compare to save your design' : disabled ? 'This browser cannot store designs: export instead' : undefined;
  if (designId === null) {
    return (
      <button type="button" className="tool-button primary" data-testid="save" disabled={disabled} title={why ?? 'Keep this design in your library'} onClick={() => void saveAs(name)}>
        Save
      </button>
    );
  }
  return (
    <button
      type="button"
      className="tool-button"
      data-testid="save-as"
      disabled={disabled}
      title={why ?? 'Save a copy under a new name'}
      onClick={() => {
        const next = window.prompt('Save a copy of this design as:', `${name} (copy)`);
        if (next !== null && next.trim() !== '') void saveAs(next);
      }}
    >
      Save as…
    </button>
  );
}

function SavedState() {
  const designId = useWork((s) => s.designId);
  const storage = useWork((s) => s.storage);
  if (storage === 'unavailable') {
    return (
      <span className="document-status unsaved" data-testid="save-state" title="This browser cannot store designs">
        Not stored
      </span>
    );
  }
  return designId === null ? (
    <span className="document-status unsaved" data-testid="save-state" title="Not in your library yet (autosaved as your current work)">
      Unsaved
    </span>
  ) : (
    <span className="document-status saved" data-testid="save-state" title="In your library; changes are saved as you go">
      Saved
    </span>
  );
}

export function DocumentBar() {
  const name = useDocument((s) => s.scenario.name);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="document-bar">
      <div className="document-title">
        <h1 className="brand">
          <span className="logo" aria-hidden>
            ◆
          </span>
          archsim
        </h1>
        <span className="scenario-name" data-testid="scenario-name" title={name}>
          {name}
        </span>
        <SavedState />
      </div>
      <div className="document-actions" role="toolbar" aria-label="Design">
        <button type="button" className="tool-button" data-testid="new" onClick={() => setOpen('gallery')} title="A blank design, or one from the gallery">
          New
        </button>
        <button type="button" className="tool-button" data-testid="designs" onClick={() => setOpen('library')} title="Your saved designs">
          Designs
        </button>
        <SaveButtons />
        <button type="button" className="tool-button" data-testid="import" onClick={() => setOpen('import')} title="Open a scenario file or pasted JSON">
          Import
        </button>
        <button type="button" className="tool-button" data-testid="export" onClick={downloadScenario} title="Download this design as a JSON file">
          Export
        </button>
        <ShareButton />
      </div>
      {open === 'gallery' && (
        <Suspense fallback={null}>
          <GalleryDialog onClose={close} />
        </Suspense>
      )}
      {open === 'library' && (
        <Suspense fallback={null}>
          <LibraryDialog onClose={close} />
        </Suspense>
      )}
      {open === 'import' && (
        <Suspense fallback={null}>
          <ImportDialog onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
