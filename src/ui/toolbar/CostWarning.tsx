/**
 * The cost model's verdict on the current design, before Play: the same lines the CLI prints
 * when it refuses a document over budget. The app still lets it run (paced, so Pause answers),
 * but says what will grow.
 */
import { useMemo } from 'react';
import { checkBudget, estimateCost, type FieldError } from '../../model';
import { useDocument } from '../store';

/** Budget lines for the current document (empty when it fits). Linear in the document. */
export function useCostWarning(): FieldError[] {
  const scenario = useDocument((s) => s.scenario);
  return useMemo(() => {
    const check = checkBudget(estimateCost(scenario));
    return [...check.memory, ...check.events];
  }, [scenario]);
}

export function CostWarning({ lines }: { lines: readonly FieldError[] }) {
  return (
    <div className="message warning" role="status" data-testid="cost-warning">
      <strong>This design is larger than a run can comfortably hold.</strong> Play still runs it, paced, but it may use a
      lot of memory or take very long:
      <ul>
        {lines.map((line) => (
          <li key={`${line.path}\u0000${line.message}`}>
            <code>{line.path}</code>: {line.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
