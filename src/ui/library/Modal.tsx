/** A modal dialog on the native <dialog> element: focus kept inside, Escape closes. */
import { useEffect, useRef, type ReactNode } from 'react';
import { DocumentMessages } from './DocumentMessages';
import './library.css';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  /** Extra controls at the right of the title. */
  actions?: ReactNode;
}

export function Modal({ title, onClose, children, testId, actions }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      data-testid={testId}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="modal-frame">
        <header className="modal-header">
          <h2>{title}</h2>
          {actions}
          <button type="button" className="modal-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">
          {/* What an open, import or rename inside the dialog said: the page's copy is behind the backdrop. */}
          <div className="messages">
            <DocumentMessages inDialog />
          </div>
          {children}
        </div>
      </div>
    </dialog>
  );
}
