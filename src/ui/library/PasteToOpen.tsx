/**
 * Pasting a scenario's JSON anywhere outside a text field opens it, through the one schema.
 * Only text that looks like a scenario document (a JSON object naming a version) is taken,
 * so other pastes, such as copied canvas elements, are left to their own handlers.
 */
import { useEffect } from 'react';
import { openText } from './openDesign';

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function looksLikeScenario(text: string): boolean {
  return /^\s*\{/.test(text) && /"version"\s*:/.test(text.slice(0, 4096));
}

export function PasteToOpen() {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (inTextField(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!looksLikeScenario(text)) return;
      event.preventDefault();
      void openText(text, 'pasted JSON');
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
  return null;
}
