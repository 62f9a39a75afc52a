/**
 * Beyond one run: the Sweep panel (one field over a range, in Web Workers) and the Theory panel
 * (closed forms beside the simulated numbers). Each loads when opened.
 */
import { lazy, Suspense, useState } from 'react';

const SweepDialog = lazy(() => import('../sweep/SweepDialog'));
const TheoryDialog = lazy(() => import('../theory/TheoryDialog'));

type Open = 'sweep' | 'theory' | null;

export function AnalysisControls() {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="analysis-controls" role="toolbar" aria-label="Analysis">
      <button type="button" className="tool-button" data-testid="open-sweep" onClick={() => setOpen('sweep')} title="Vary one field over a range, with confidence intervals">
        Sweep
      </button>
      <button type="button" className="tool-button" data-testid="open-theory" onClick={() => setOpen('theory')} title="Queueing theory beside the simulated numbers">
        Theory
      </button>
      <Suspense fallback={null}>
        {open === 'sweep' && <SweepDialog onClose={close} />}
        {open === 'theory' && <TheoryDialog onClose={close} />}
      </Suspense>
    </div>
  );
}
