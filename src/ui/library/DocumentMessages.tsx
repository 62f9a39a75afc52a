/** The message about the last open, import, share or save: what happened, or each field that is wrong. */
import { dismissMessage, useWork } from './workStore';
import './library.css';

/** `inDialog`: the copy shown inside a modal dialog, which hides the page's own. */
export function DocumentMessages({ inDialog = false }: { inDialog?: boolean }) {
  const message = useWork((s) => s.message);
  if (!message) return null;
  return (
    <div
      className={`message ${message.tone}`}
      role={message.tone === 'problem' ? 'alert' : 'status'}
      data-testid={`${inDialog ? 'dialog' : 'document'}-${message.tone === 'problem' ? 'problem' : 'info'}`}
    >
      <strong>{message.title}</strong>
      {message.lines.length > 0 && (
        <ul className="message-lines">
          {message.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <button type="button" className="dismiss" aria-label="Dismiss" onClick={dismissMessage}>
        ×
      </button>
    </div>
  );
}
