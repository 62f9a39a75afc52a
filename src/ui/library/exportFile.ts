/** Export: the current scenario downloaded as a JSON file that Import (or the CLI) reads back. */
import { exportFileName, exportScenarioText } from '../../model';
import { useDocument } from '../store';

export function downloadScenario(): void {
  const scenario = useDocument.getState().scenario;
  const blob = new Blob([exportScenarioText(scenario)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(scenario);
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a moment later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
