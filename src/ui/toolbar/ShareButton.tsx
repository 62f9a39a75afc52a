/**
 * Share: copies a link that carries the whole scenario (SPEC §5) and says so. The link is
 * also shown, ready to copy by hand when the browser refuses the clipboard, with the
 * read-only embed variant beside it.
 */
import { useEffect, useRef, useState } from 'react';
import { encodeSharePayload, shareFragment } from '../../model';
import { useDocument } from '../store';
import '../library/library.css';

type Shared =
  | { ok: true; url: string; embedUrl: string; copied: 'link' | 'embed' | null; copyFailed: boolean; kilobytes: number }
  | { ok: false; message: string };

function baseUrl(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ShareButton() {
  const [shared, setShared] = useState<Shared | null>(null);
  const anchor = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!shared) return;
    const close = (event: MouseEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setShared(null);
    };
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && setShared(null);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape);
    };
  }, [shared]);

  async function share() {
    const link = encodeSharePayload(useDocument.getState().scenario);
    if (!link.ok) {
      setShared({ ok: false, message: link.error.message });
      return;
    }
    const url = baseUrl() + shareFragment(link.payload);
    const embedUrl = baseUrl() + shareFragment(link.payload, { embed: true });
    const copied = await copy(url);
    setShared({ ok: true, url, embedUrl, copied: copied ? 'link' : null, copyFailed: !copied, kilobytes: Math.ceil(url.length / 1024) });
  }

  async function copyEmbed() {
    if (!shared?.ok) return;
    const copied = await copy(shared.embedUrl);
    setShared({ ...shared, copied: copied ? 'embed' : null, copyFailed: !copied });
  }

  return (
    <div className="popover-anchor" ref={anchor}>
      <button type="button" className="tool-button" data-testid="share" onClick={() => void share()} title="Copy a link that carries this whole design">
        Share
      </button>
      {shared && (
        <div className="popover" role="dialog" aria-label="Share" data-testid="share-popover">
          {!shared.ok ? (
            <p className="message problem" data-testid="share-problem">
              This design cannot be shared as a link: {shared.message}.
            </p>
          ) : (
            <>
              <p className="success" data-testid="share-status" role="status">
                {shared.copied === 'link'
                  ? 'Link copied to the clipboard.'
                  : shared.copied === 'embed'
                    ? 'Embed link copied to the clipboard.'
                    : 'The browser did not allow copying: copy the link below.'}
              </p>
              <input readOnly value={shared.url} data-testid="share-link" aria-label="Share link" onFocus={(e) => e.target.select()} />
              <p className="hint">
                The whole design travels inside the link ({shared.kilobytes} kB); nothing is uploaded. Whoever opens it gets a copy beside
                their own work, and the same seed gives them the same numbers.
              </p>
              <div className="row">
                <button type="button" className="tool-button" data-testid="share-copy-embed" onClick={() => void copyEmbed()}>
                  Copy embed link (read-only)
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
