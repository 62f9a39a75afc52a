/**
 * The current work survives a reload (SPEC §5): the document is saved in localStorage and
 * validated like any other outside input when it comes back.
 */
import { parseScenarioText, type Scenario } from '../../model';

const KEY = 'archsim.scenario';
/** A saved document that no longer validates is kept here rather than lost. */
const REJECTED_KEY = 'archsim.scenario.rejected';

export interface Restored {
  scenario: Scenario | null;
  /** Set when a saved document was found but could not be loaded. */
  problem?: string;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function restoreScenario(): Restored {
  const store = storage();
  const text = store?.getItem(KEY);
  if (!store || !text) return { scenario: null };
  const result = parseScenarioText(text);
  if (result.ok) return { scenario: result.scenario };
  store.setItem(REJECTED_KEY, text);
  return {
    scenario: null,
    problem: `The saved scenario could not be loaded (${result.errors.length} invalid field(s)); it was kept under "${REJECTED_KEY}" in localStorage.`,
  };
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Saves after a short pause, so dragging or typing does not write on every change. */
export function saveScenarioSoon(scenario: Scenario, delayMs = 300): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    try {
      storage()?.setItem(KEY, JSON.stringify(scenario));
    } catch {
      // Storage full or denied: the work stays in memory; nothing else to do.
    }
  }, delayMs);
}
