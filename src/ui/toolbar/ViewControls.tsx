/** The theme (system, light, dark) and, on narrow screens, folding the side panels away. */
import { useSession } from '../store';
import { useTheme, type ThemeChoice } from '../theme';

export function ViewControls() {
  const choice = useTheme((s) => s.choice);
  const paletteOpen = useSession((s) => s.paletteOpen);
  const inspectorOpen = useSession((s) => s.inspectorOpen);
  return (
    <div className="view-controls" role="toolbar" aria-label="View">
      <button
        type="button"
        className="panel-toggle"
        data-testid="toggle-palette"
        aria-pressed={paletteOpen}
        onClick={() => useSession.getState().setPanels({ paletteOpen: !paletteOpen })}
        title={paletteOpen ? 'Fold the components palette into a narrow rail' : 'Show the components palette in full'}
        aria-label="Components palette in full"
      >
        ◧
      </button>
      <button
        type="button"
        className="panel-toggle"
        data-testid="toggle-inspector"
        aria-pressed={inspectorOpen}
        onClick={() => useSession.getState().setPanels({ inspectorOpen: !inspectorOpen })}
        title={inspectorOpen ? 'Hide the inspector to give the canvas room' : 'Show the inspector'}
        aria-label="Inspector"
      >
        ◨
      </button>
      <label className="theme-choice">
        <span className="sr-only">Theme</span>
        <select data-testid="theme" value={choice} onChange={(e) => useTheme.getState().choose(e.target.value as ThemeChoice)} title="Colour theme">
          <option value="system">Auto theme</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </div>
  );
}
