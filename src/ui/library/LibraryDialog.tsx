/** "Designs": the user's own library — open, rename, duplicate, delete. */
import { useEffect, useState } from 'react';
import { Modal } from './Modal';
import { deleteDesign, duplicateDesign, openFromLibrary, refreshDesigns, renameDesign } from './openDesign';
import { useWork } from './workStore';

function when(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function RenameCell({ id, name, onDone }: { id: string; name: string; onDone(): void }) {
  const [value, setValue] = useState(name);
  const finish = async (save: boolean) => {
    if (save) await renameDesign(id, value);
    onDone();
  };
  return (
    <input
      autoFocus
      aria-label="New name"
      data-testid="library-rename-input"
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void finish(true);
        if (e.key === 'Escape') {
          e.stopPropagation();
          void finish(false);
        }
      }}
      onBlur={() => void finish(true)}
    />
  );
}

export function LibraryDialog({ onClose }: { onClose(): void }) {
  const designs = useWork((s) => s.designs);
  const currentId = useWork((s) => s.designId);
  const storage = useWork((s) => s.storage);
  const storageProblem = useWork((s) => s.storageProblem);
  const [renaming, setRenaming] = useState<string | null>(null);

  useEffect(() => {
    void refreshDesigns();
  }, []);

  return (
    <Modal title="Your designs" onClose={onClose} testId="library-dialog">
      {storage === 'unavailable' ? (
        <p className="empty-library">Your designs cannot be kept in this browser: {storageProblem}. Export a design to keep it as a file.</p>
      ) : designs.length === 0 ? (
        <p className="empty-library">
          No saved designs yet. Press <strong>Save</strong> to keep the design on the canvas here; changed designs are also kept here
          when you open another.
        </p>
      ) : (
        <table className="library-table" data-testid="library-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Changed</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {designs.map((d) => (
              <tr key={d.id} className={d.id === currentId ? 'current' : undefined} data-testid={`library-row`} data-design-name={d.name}>
                <td className="name">
                  {renaming === d.id ? (
                    <RenameCell id={d.id} name={d.name} onDone={() => setRenaming(null)} />
                  ) : (
                    <>
                      {d.name}
                      {d.id === currentId && <span className="current-tag">on the canvas</span>}
                    </>
                  )}
                </td>
                <td>{when(d.updatedAt)}</td>
                <td>{size(d.bytes)}</td>
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      className="tool-button primary"
                      data-testid="library-open"
                      disabled={d.id === currentId}
                      onClick={() => void openFromLibrary(d.id).then((ok) => ok && onClose())}
                    >
                      Open
                    </button>
                    <button type="button" className="tool-button" data-testid="library-rename" onClick={() => setRenaming(d.id)}>
                      Rename
                    </button>
                    <button type="button" className="tool-button" data-testid="library-duplicate" onClick={() => void duplicateDesign(d.id)}>
                      Duplicate
                    </button>
                    <button
                      type="button"
                      className="tool-button danger"
                      data-testid="library-delete"
                      onClick={() => {
                        if (window.confirm(`Delete "${d.name}" from your library? This cannot be undone.`)) void deleteDesign(d.id);
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
