/**
 * Raw DEFLATE (RFC 1951) decompression that stops at a byte budget. A few
 * kilobytes of DEFLATE can expand a thousandfold, so a link could otherwise
 * make the page allocate gigabytes: the input is fed in small slices, each of
 * which can produce at most about 1 032 times its size, and decompression
 * stops as soon as the output passes the budget.
 */
import { Inflate } from 'fflate';

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'too-large'; inflatedBytes: number }
  | { ok: false; problem: 'truncated' | 'corrupt'; detail: string };

/** Input slice per step: bounds the output of one step to ~264 kB. */
const SLICE = 256;

/** fflate's error codes for a stream that ends early (0) and for bad data (1–3). */
const TRUNCATED = 0;

class OverBudget extends Error {}

export function inflateRawBounded(input: Uint8Array, maxBytes: number): InflateResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new OverBudget();
    // fflate may reuse its buffer for the next step: keep a copy.
    chunks.push(chunk.slice());
  });
  try {
    if (input.length === 0) inflater.push(input, true);
    for (let at = 0; at < input.length; at += SLICE) {
      inflater.push(input.subarray(at, at + SLICE), at + SLICE >= input.length);
    }
  } catch (error) {
    if (error instanceof OverBudget) return { ok: false, problem: 'too-large', inflatedBytes: total };
    const code = (error as { code?: number }).code;
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: code === TRUNCATED ? 'truncated' : 'corrupt', detail };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}
