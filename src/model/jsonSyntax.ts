/**
 * Finds where a JSON text breaks and why, in the same words on every host
 * (engines word JSON.parse errors differently, and some give no position).
 * Only called once JSON.parse has already failed.
 *
 * Iterative with an explicit stack of open containers: a hostile text of a
 * million `[` must get a message, not overflow the call stack.
 */

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

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const HEX = /[0-9a-fA-F]/;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (reason?: string): never => {
    if (i >= text.length) throw new Stop(text.length, 'unexpected end of text');
    throw new Stop(i, reason ?? `unexpected character ${JSON.stringify(text[i])}`);
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
          for (let k = 0; k < 4; k++, i++) if (!HEX.test(text[i] ?? '')) fail('bad \\u escape');
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x') || i >= text.length) fail('bad escape in string');
      }
      i++;
    }
  };
  const number = () => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match || match[0] === '-') fail('bad number');
    i += match![0].length;
  };
  /** Reads `"name":` of an object member. */
  const memberName = () => {
    space();
    if (text[i] !== '"') fail('expected a double-quoted field name');
    string();
    space();
    if (text[i] !== ':') fail("expected ':'");
    i++;
  };

  // The containers still open, innermost last: '{' or '['.
  const open: string[] = [];
  /**
   * Reads one value. A scalar is read whole; an opening bracket is pushed and
   * its first member's name (for an object) read, so the loop below goes on
   * inside it. Returns true when the value is complete.
   */
  const startValue = (): boolean => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++, true;
      open.push('{');
      memberName();
      return false;
    }
    if (ch === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++, true;
      open.push('[');
      return false;
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else fail();
    return true;
  };

  try {
    let complete = startValue();
    while (open.length > 0) {
      if (!complete) {
        // Inside a container that expects a value next.
        complete = startValue();
        continue;
      }
      // A value just ended inside the innermost container: a separator or its end.
      space();
      const container = open[open.length - 1];
      const close = container === '{' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        if (container === '{') memberName();
        complete = false;
      } else if (text[i] === close) {
        i++;
        open.pop();
        complete = true;
      } else {
        fail(`expected ',' or '${close}'`);
      }
    }
    space();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    return { offset: error.offset, line, column, reason: error.reason };
  }
}
