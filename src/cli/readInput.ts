/**
 * Reads a scenario file, at most a fixed size: a document is refused before it is read
 * whole, so `/dev/zero` or a runaway file is an answer in milliseconds, not gigabytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** The largest scenario document the CLI reads: 16 MB. */
export const MAX_INPUT_BYTES = 16 * 2 ** 20;

export class InputTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'InputTooLargeError';
  }
}

/** The file's text (UTF-8), read in chunks; throws {@link InputTooLargeError} past `maxBytes`. */
export function readLimited(path: string, maxBytes = MAX_INPUT_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    // One byte more than allowed tells "exactly at the limit" from "over it".
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, 1 << 16));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
      total += n;
      if (total > maxBytes) throw new InputTooLargeError(maxBytes);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
