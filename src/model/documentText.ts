/**
 * The text of an exported scenario file: the parsed document (every default
 * written out, so the file says exactly what runs) as indented JSON. It is
 * read back by `parseScenarioText`, like any file.
 */
import type { Scenario } from './scenario';

export function exportScenarioText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file name for an export: the scenario's name in lower-case words joined by dashes. */
export function exportFileName(scenario: Scenario): string {
  const slug = scenario.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'scenario'}.archsim.json`;
}
