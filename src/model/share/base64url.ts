/**
 * base64url without padding (RFC 4648 §5), the alphabet of share links. Built
 * on `btoa`/`atob`, which every host we run on has (browsers, workers, Node).
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

export function encodeBase64Url(bytes: Uint8Array): string {
  // btoa wants a "binary string"; build it in slices, since spreading a large
  // array into String.fromCharCode overflows the argument limit.
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE) as unknown as number[]);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes base64url text. Padding is tolerated (some tools add it); any other
 * character outside the alphabet is named with its position.
 */
export function decodeBase64Url(text: string): Base64Result {
  const body = text.replace(/={1,2}$/, '');
  if (!ALPHABET.test(body)) {
    const at = body.search(/[^A-Za-z0-9_-]/);
    return {
      ok: false,
      problem: `character ${JSON.stringify(body[at])} at position ${at + 1} is not base64url (A–Z, a–z, 0–9, "-", "_")`,
    };
  }
  // Four characters carry three bytes; a single character left over carries none.
  if (body.length % 4 === 1) return { ok: false, problem: 'its length is not that of any base64url text: part of it is missing' };
  const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}
