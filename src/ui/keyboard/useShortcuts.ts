/** Installs the keyboard shortcuts on the window while the app is mounted. */
import { useEffect } from 'react';
import { ownsKeys, SHORTCUTS } from './shortcuts';

export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || ownsKeys(event.target, event.key)) return;
      const shortcut = SHORTCUTS.find((s) => s.matches?.(event));
      if (!shortcut?.run) return;
      event.preventDefault();
      shortcut.run();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
