/**
 * "New / Gallery": start a blank design or open a built-in scenario, each with what to watch
 * and what to try. Loaded on demand (its own chunk), like the charts.
 */
import { formatErrors, parseScenario, type Scenario } from '../../model';
import { GALLERY, GALLERY_GROUPS, type GalleryEntry } from '../../model/gallery';
import { Modal } from './Modal';
import { openDesign } from './openDesign';
import { showInfo } from './workStore';

function parsed(document: unknown): Scenario {
  const result = parseScenario(document);
  // The gallery test validates every entry; reaching this is a bug, not bad input.
  if (!result.ok) throw new Error(`A built-in scenario is invalid:\n${formatErrors(result.errors)}`);
  return result.scenario;
}

async function openEntry(entry: GalleryEntry, onClose: () => void) {
  const scenario = parsed(entry.document);
  const opened = await openDesign(scenario, 'gallery', { galleryId: entry.id });
  if (!opened.ok) return;
  onClose();
  showInfo(`Opened "${entry.title}" from the gallery. Press Play and watch; the inspector says what to try.`, opened.kept ? [opened.kept] : []);
}

async function openBlank(onClose: () => void) {
  const opened = await openDesign(parsed({ version: 1, name: 'Untitled design' }), 'new');
  if (!opened.ok) return;
  onClose();
  showInfo('Started a new design. Add components from the palette on the left.', opened.kept ? [opened.kept] : []);
}

export default function GalleryDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="New design" onClose={onClose} testId="gallery-dialog">
      <section className="gallery-group">
        <div className="gallery-grid">
          <article className="gallery-card blank">
            <h4>Blank design</h4>
            <p>An empty canvas: drag clients, load balancers and servers from the palette and connect them.</p>
            <button type="button" className="tool-button primary" data-testid="gallery-blank" onClick={() => void openBlank(onClose)}>
              Start blank
            </button>
          </article>
        </div>
      </section>
      {GALLERY_GROUPS.map((group) => (
        <section key={group.id} className="gallery-group" data-testid={`gallery-group-${group.id}`}>
          <h3>{group.title}</h3>
          <p className="hint">{group.blurb}</p>
          <div className="gallery-grid">
            {GALLERY.filter((e) => e.group === group.id).map((entry) => (
              <article key={entry.id} className="gallery-card" data-testid={`gallery-entry-${entry.id}`}>
                <h4>{entry.title}</h4>
                <p>
                  <span className="label">Watch: </span>
                  {entry.watch}
                </p>
                <p>
                  <span className="label">Try: </span>
                  {entry.try}
                </p>
                <button type="button" className="tool-button" data-testid={`gallery-open-${entry.id}`} onClick={() => void openEntry(entry, onClose)}>
                  Open
                </button>
              </article>
            ))}
          </div>
        </section>
      ))}
    </Modal>
  );
}
