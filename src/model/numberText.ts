/** Numbers in messages, the same on every host (no locale): `10,000,000`, `1.9 GB`, `4.3e11`. */

/**
 * A count with thousands separators, rounded to a whole number; from ten billion on in
 * scientific notation; below 1, two significant digits (a rate of 0.0000011/s).
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? 'more than 1e308' : String(n);
  if (Math.abs(n) >= 1e10) return n.toExponential(1).replace('e+', 'e');
  if (n !== 0 && Math.abs(n) < 1) return String(Number(n.toPrecision(2)));
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return rounded < 0 ? `-${out}` : out;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in binary units (1 MB = 2^20 bytes, as `--max-memory-mb` counts them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'more than 1e308 bytes';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === UNITS.length - 1 && value >= 1024) return `${formatCount(bytes)} bytes`;
  if (unit === 0) return `${Math.round(value)} bytes`;
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()} ${UNITS[unit]}`;
}

/** `1 edge`, `2 edges`, `1,000 instances`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
