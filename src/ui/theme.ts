/**
 * Light and dark themes: the system's preference by default, or the one the person chose
 * (remembered in this browser). The resolved theme is set on <html data-theme>, where the
 * stylesheet's colour variables switch; canvas charts redraw with the new colours.
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'archsim.theme';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function resolve(choice: ThemeChoice): Theme {
  return choice === 'system' ? systemTheme() : choice;
}

interface ThemeState {
  choice: ThemeChoice;
  resolved: Theme;
  choose(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>()((set) => ({
  choice: 'system',
  resolved: 'light',
  choose(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // Not remembered; still applied.
    }
    set({ choice, resolved: resolve(choice) });
  },
}));

/** Reads the choice, applies it before the first paint, and follows the system's changes. */
export function startTheme(): void {
  const choice = storedChoice();
  useTheme.setState({ choice, resolved: resolve(choice) });
  const apply = (t: Theme) => {
    document.documentElement.dataset.theme = t;
    document.documentElement.style.colorScheme = t;
  };
  apply(useTheme.getState().resolved);
  useTheme.subscribe((s) => apply(s.resolved));
  if (typeof matchMedia === 'function') {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      const { choice: c } = useTheme.getState();
      if (c === 'system') useTheme.setState({ resolved: systemTheme() });
    });
  }
}
