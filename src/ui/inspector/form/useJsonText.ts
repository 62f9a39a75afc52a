/**
 * A JSON text bound to a value: the text follows the value when it changes from elsewhere
 * (undo, the form, a live change), and stays as typed when the change is the user's own edit
 * from this text (reformatting it mid-typing would move the cursor and eat their spacing).
 */
import { useEffect, useRef, useState } from 'react';

export interface JsonText {
  text: string;
  error: string | null;
  /** Takes what the user typed; `apply` gets the parsed value and returns a message or null. */
  onChange(next: string, apply: (parsed: unknown) => string | null, invalid: string): void;
}

export function useJsonText(value: unknown): JsonText {
  const pretty = JSON.stringify(value, null, 2) ?? '';
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  const typed = useRef<string | null>(null);
  useEffect(() => {
    // Our own accepted edit: the value now says what the text says, in its own spacing.
    if (typed.current !== null) {
      typed.current = null;
      return;
    }
    setText(pretty);
    setError(null);
  }, [pretty]);

  function onChange(next: string, apply: (parsed: unknown) => string | null, invalid: string) {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      setError(invalid);
      return;
    }
    typed.current = next;
    const message = apply(parsed);
    // Refused, or nothing changed: no value change is coming to clear the mark.
    if (message !== null || JSON.stringify(parsed, null, 2) === pretty) typed.current = null;
    setError(message);
  }

  return { text, error, onChange };
}
