/**
 * Copy and paste of canvas nodes through the browser's clipboard events rather than the keys:
 * Ctrl+V then stays a real paste, so scenario JSON pasted on the page opens it
 * (`library/PasteToOpen.tsx`) while anything else pastes the nodes copied last. Copying
 * nodes puts them on the system clipboard too, so an older scenario text there is not
 * opened by mistake by the next Ctrl+V.
 */
import { useEffect } from 'react';
import { commands } from '../commands';
import { looksLikeScenario } from '../library/PasteToOpen';
import { useSession } from '../store';
import { ownsKeys } from './shortcuts';

export function useClipboard(): void {
  useEffect(() => {
    function onCopy(event: ClipboardEvent) {
      if (event.defaultPrevented || ownsKeys(event.target, 'c') || hasTextSelection()) return;
      if (!commands.copy()) return;
      event.preventDefault();
      const clip = useSession.getState().clip;
      event.clipboardData?.setData('text/plain', JSON.stringify(clip));
    }
    function onPaste(event: ClipboardEvent) {
      if (event.defaultPrevented || ownsKeys(event.target, 'v')) return;
      if (looksLikeScenario(event.clipboardData?.getData('text/plain') ?? '')) return;
      if (!useSession.getState().clip) return;
      event.preventDefault();
      commands.paste();
    }
    window.addEventListener('copy', onCopy);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('copy', onCopy);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
}

/** Text selected on the page (a message, a label) is the user's to copy, not the nodes. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}
