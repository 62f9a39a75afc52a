/**
 * Opening a share link (SPEC §5): the scenario in the URL fragment opens as a new, unsaved
 * design beside the user's own work. A bad link names the problem and the field and leaves
 * the work alone. The fragment is then taken out of the address, so a reload keeps the work
 * rather than opening the link again.
 */
import { decodeSharePayload, readShareFragment, type ParseResult } from '../../model';
import { openDesign } from './openDesign';
import { showInfo, showProblem } from './workStore';

export function decodeLinkIn(hash: string): { embed: boolean; result: ParseResult } | null {
  const fragment = readShareFragment(hash);
  return fragment ? { embed: fragment.embed, result: decodeSharePayload(fragment.payload) } : null;
}

function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Opens the link in `location.hash`, if there is one. */
export async function openLinkInAddress(): Promise<void> {
  const link = decodeLinkIn(location.hash);
  if (!link) return;
  if (link.embed) {
    // An embed link typed into an open app: the read-only page is a different start.
    location.reload();
    return;
  }
  clearFragment();
  if (!link.result.ok) {
    showProblem('This link cannot be opened: your work is unchanged', link.result.errors);
    return;
  }
  const { scenario } = link.result;
  const opened = await openDesign(scenario, 'link');
  if (opened.ok) {
    showInfo(`Opened a shared scenario: "${scenario.name}"`, [
      'It is a new design, not yet in your library: press Save to keep it.',
      ...(opened.kept ? [opened.kept] : []),
    ]);
  }
}
