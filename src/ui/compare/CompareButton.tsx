/** "Compare": starts an A/B comparison of this design against a copy to change (or leaves it). */
import { simulation, useDocument } from '../store';
import { enterCompare, leaveCompare, useCompare } from './compareStore';

export function CompareButton() {
  const active = useCompare((s) => s.active);
  const readOnly = useDocument((s) => s.readOnly);
  if (readOnly) return null;
  return (
    <button
      type="button"
      className="tool-button"
      data-testid="compare"
      aria-pressed={active}
      aria-label={active ? 'Leave compare' : 'Compare A/B'}
      title={active ? 'Back to your design (A) alone' : 'Copy this design as B, change it, and compare A and B on the same random numbers'}
      onClick={() => {
        if (active) {
          leaveCompare();
          return;
        }
        // The live run waits while A and B run side by side.
        void simulation.pause();
        enterCompare();
      }}
    >
      {active ? (
        'Leave compare'
      ) : (
        <>
          <span className="wide-only">Compare </span>A/B…
        </>
      )}
    </button>
  );
}
