/** The `?` dialog: every keyboard shortcut, from the one table the key handler uses. */
import { useEffect, useRef } from 'react';
import { useSession } from '../store';
import { SHORTCUTS } from './shortcuts';

export function HelpDialog() {
  const open = useSession((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help-dialog" data-testid="help-dialog" aria-labelledby="help-title" onClose={() => useSession.getState().setHelpOpen(false)}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.description}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Ctrl is ⌘ on a Mac. Every action is also in a menu or a button; Tab reaches nodes and calls on the canvas.</p>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
