/**
 * User-supplied strings (unknown keys, ids, edge targets, names) echoed in messages are
 * shown as text: control and other invisible characters become escapes, so an ESC or BEL
 * byte in a document never reaches a terminal and a bidi override never reorders a message;
 * and a very long string is cut, so a 10 MB key gives a one-line message.
 */

import { formatCount } from './numberText';

/** How many characters of a user string a message quotes. */
export const QUOTE_LIMIT = 64;

/**
 * C0 controls, DEL, C1 controls, zero-width and bidi formatting characters, the line and
 * paragraph separators, the BOM, and lone surrogate halves.
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escapeOne(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every invisible character escaped (`\n`, `\u001b`); everything else unchanged. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeOne);
}

/**
 * A user string for a message: at most `limit` characters of it (cut on a whole character,
 * then "…" and its length), with invisible characters, backslashes and quotes escaped, in
 * double quotes: `"bad\u001bkey"`.
 */
export function quote(value: unknown, limit = QUOTE_LIMIT): string {
  const text = String(value);
  let shown = text;
  let tail = '';
  if (text.length > limit) {
    let cut = limit;
    // Do not split a surrogate pair.
    if (cut > 0 && /[\ud800-\udbff]/.test(text[cut - 1])) cut--;
    shown = `${text.slice(0, cut)}…`;
    tail = ` (${formatCount(text.length)} characters)`;
  }
  const escaped = shown.replace(/[\\"]/g, (c) => `\\${c}`);
  return `"${escapeInvisible(escaped)}"${tail}`;
}
