/**
 * Share links (SPEC §5): the whole scenario in the URL fragment, as
 * `#s=` + base64url without padding of the raw DEFLATE stream of the
 * document's UTF-8 JSON, so any tool can make or read one
 * (`zlib.deflateRawSync` + base64url is a complete encoder). Opening a link is
 * one more way in from outside: it ends in `parseScenarioText`, like a file or
 * a paste, and every refusal names the problem and the field.
 */
import { deflateSync } from 'fflate';
import type { FieldError } from './errors';
import { decodeBase64Url, encodeBase64Url } from './share/base64url';
import { inflateRawBounded } from './share/boundedInflate';
import type { Scenario } from './scenario';
import { parseScenarioText, type ParseResult } from './validate';

/** The most a link's document may weigh once inflated (SPEC §5: 1 MB). */
export const MAX_LINK_DOCUMENT_BYTES = 1024 * 1024;
/** Longer than any link the budget above can produce (~1 032:1 is DEFLATE's best ratio, and base64 adds a third). */
export const MAX_LINK_PAYLOAD_CHARS = 4 * 1024 * 1024;

/** Where a problem with the link itself (not with a field of its document) is reported. */
export const LINK_PATH = '(link)';

/** The parts of a fragment that concern a shared scenario. */
export interface ShareFragment {
  /** The base64url text after `s=`. */
  payload: string;
  /** `embed=1`: a read-only view for embedding (canvas and charts, no editing). */
  embed: boolean;
}

export type ShareLinkResult = { ok: true; payload: string; documentBytes: number } | { ok: false; error: FieldError };

const linkError = (message: string): { ok: false; errors: FieldError[] } => ({
  ok: false,
  errors: [{ path: LINK_PATH, message }],
});

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * The link payload of a scenario: the JSON the app would export, deflated and
 * base64url-encoded. A document over the link budget is refused here, so the
 * app never hands out a link that it would itself refuse to open.
 */
export function encodeSharePayload(scenario: Scenario): ShareLinkResult {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  if (json.length > MAX_LINK_DOCUMENT_BYTES) {
    return {
      ok: false,
      error: {
        path: LINK_PATH,
        message: `this design is ${megabytes(json.length)} of JSON and a link carries at most ${megabytes(MAX_LINK_DOCUMENT_BYTES)}: export it as a file instead`,
      },
    };
  }
  // deflateSync with level 9 writes raw DEFLATE (fflate's zlibSync/gzipSync add headers; this does not).
  return { ok: true, payload: encodeBase64Url(deflateSync(json, { level: 9 })), documentBytes: json.length };
}

/** The fragment for a payload: `#s=…`, with `&embed=1` for the read-only view. */
export function shareFragment(payload: string, options: { embed?: boolean } = {}): string {
  return `#s=${payload}${options.embed ? '&embed=1' : ''}`;
}

/**
 * Reads `s` (and `embed`) from a URL fragment such as `#s=…&embed=1`; null
 * when the fragment does not carry a scenario. Parameters are split by hand,
 * not with URLSearchParams, which would turn a stray `+` into a space.
 */
export function readShareFragment(hash: string): ShareFragment | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let payload: string | null = null;
  let embed = false;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    if (key === 's' && payload === null) payload = value;
    else if (key === 'embed') embed = value === '' || value === '1' || value === 'true';
  }
  return payload === null ? null : { payload, embed };
}

/**
 * Opens a link payload: base64url → bounded inflate → strict UTF-8 → the one
 * schema. Never throws; link-level problems are reported at `(link)`, and a
 * document that decodes but does not validate gets its own field errors.
 */
export function decodeSharePayload(payload: string): ParseResult {
  if (payload.length === 0) return linkError('is empty: the link has "#s=" but no scenario after it');
  if (payload.length > MAX_LINK_PAYLOAD_CHARS) {
    return linkError(`is too large: ${payload.length} characters, more than any scenario link can be`);
  }
  const decoded = decodeBase64Url(payload);
  if (!decoded.ok) return linkError(`is not a valid archsim link: ${decoded.problem}`);
  const inflated = inflateRawBounded(decoded.bytes, MAX_LINK_DOCUMENT_BYTES);
  if (!inflated.ok) {
    switch (inflated.problem) {
      case 'too-large':
        return linkError(
          `is too large: its scenario inflates to more than ${megabytes(MAX_LINK_DOCUMENT_BYTES)} (reading stopped there)`,
        );
      case 'truncated':
        return linkError('is cut short: the compressed scenario ends early (was the whole link copied?)');
      case 'corrupt':
        return linkError(`is corrupt: the compressed scenario cannot be read (${inflated.detail})`);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return linkError('is corrupt: its scenario is not UTF-8 text');
  }
  return parseScenarioText(text);
}
