/** "Import": a scenario file chosen from disk, or its JSON pasted; both through the one schema. */
import { useRef, useState } from 'react';
import { Modal } from './Modal';
import { openFile, openText } from './openDesign';

export function ImportDialog({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <Modal title="Import a scenario" onClose={onClose} testId="import-dialog">
      <div className="import-body">
        <p className="hint">
          Opens as a new design beside your work; nothing on the canvas is replaced until the scenario is valid. You can also drop a
          file onto the canvas, or paste a scenario's JSON anywhere on the page.
        </p>
        <div className="row">
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            data-testid="import-file"
            hidden
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openFile(file).then((ok) => ok && onClose());
            }}
          />
          <button type="button" className="tool-button primary" onClick={() => fileInput.current?.click()}>
            Choose a file…
          </button>
        </div>
        <label htmlFor="import-text" className="hint">
          …or paste a scenario's JSON:
        </label>
        <textarea
          id="import-text"
          data-testid="import-text"
          spellCheck={false}
          value={text}
          placeholder='{"version": 1, "name": "…", "nodes": […], "edges": […]}'
          onChange={(e) => setText(e.target.value)}
        />
        <div className="row">
          <button
            type="button"
            className="tool-button primary"
            data-testid="import-open"
            disabled={text.trim() === ''}
            onClick={() => void openText(text, 'pasted JSON').then((ok) => ok && onClose())}
          >
            Open
          </button>
        </div>
      </div>
    </Modal>
  );
}
