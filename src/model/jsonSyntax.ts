/**
 * Finds where a JSON text breaks and why, in the same words on every host
 * (engines word JSON.parse errors differently, and some give no position).
 * Only called once JSON.parse has already failed. Iterative and linear: no input can make it
 * recurse or rescan.
 */
import { quote } from './printable';

export interface JsonSyntaxError {
  /** Offset of the offending character (text.length at an unexpected end). */
  offset: number;
  line: number;
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (reason?: string): never => {
    if (i >= text.length) throw new Stop(text.length, 'unexpected end of text');
    throw new Stop(i, reason ?? `unexpected character ${quote(text[i])}`);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('control character in string');
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('bad \\u escape');
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x') || i >= text.length) fail('bad escape in string');
      }
      i++;
    }
  };
  const numberPattern = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const number = () => {
    numberPattern.lastIndex = i;
    const match = numberPattern.exec(text);
    if (!match || match[0] === '-') fail('bad number');
    i += match![0].length;
  };
  /**
   * One JSON value, with an explicit stack of the arrays and objects it is inside: a file of
   * 20,000 `[` is a message, not a stack overflow. After each value the loop closes every
   * container that ends there and moves on to the next element or field.
   */
  const value = (): void => {
    // 1 for an object, 0 for an array; a byte each, so even 16 MB of '[' stays small.
    let open = new Uint8Array(64);
    let depth = 0;
    const push = (isObject: number) => {
      if (depth === open.length) {
        const grown = new Uint8Array(open.length * 2);
        grown.set(open);
        open = grown;
      }
      open[depth++] = isObject;
    };
    for (;;) {
      space();
      const ch = text[i];
      let scalar = true;
      if (ch === '{') {
        i++;
        space();
        if (text[i] === '}') i++;
        else {
          field();
          push(1);
          scalar = false;
        }
      } else if (ch === '[') {
        i++;
        space();
        if (text[i] === ']') i++;
        else {
          push(0);
          scalar = false;
        }
      } else if (ch === '"') string();
      else if (ch === 't') literal('true');
      else if (ch === 'f') literal('false');
      else if (ch === 'n') literal('null');
      else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
      else fail();
      if (!scalar) continue; // the container's first element or field value comes next
      // A value is complete: close what ends here, then go on to the next element or field.
      for (;;) {
        if (depth === 0) return;
        space();
        const inObject = open[depth - 1] === 1;
        if (text[i] === ',') {
          i++;
          if (inObject) field();
          break;
        }
        if (text[i] === (inObject ? '}' : ']')) {
          i++;
          depth--;
          continue;
        }
        fail(inObject ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  };
  /** `"name":` of an object's field; the value follows. */
  const field = () => {
    space();
    if (text[i] !== '"') fail('expected a double-quoted field name');
    string();
    space();
    if (text[i] !== ':') fail("expected ':'");
    i++;
  };
  try {
    value();
    space();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    let line = 1;
    let lineStart = 0;
    for (let k = text.indexOf('\n'); k !== -1 && k < error.offset; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { offset: error.offset, line, column: error.offset - lineStart + 1, reason: error.reason };
  }
}
