import { create } from 'zustand';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const storageKey = 'rackpilot.theme';

/** The choice saved in this browser profile, if any (the engine's settings decide otherwise). */
export function savedTheme(): ThemeChoice | null {
  try {
    const saved = localStorage.getItem(storageKey);
    if ((themeChoices as readonly string[]).includes(saved ?? '')) return saved as ThemeChoice;
  } catch {
    // No storage: follow the engine's settings or the system.
  }
  return null;
}

/** `system` leaves the attribute off so the prefers-color-scheme media query decides (see styles/theme.css). */
export function applyTheme(theme: ThemeChoice): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export const useThemeStore = create<{ theme: ThemeChoice; setTheme(theme: ThemeChoice): void }>()((set) => ({
  theme: savedTheme() ?? 'system',
  setTheme(theme) {
    try {
      localStorage.setItem(storageKey, theme);
    } catch {
      // Applies for this session only.
    }
    applyTheme(theme);
    set({ theme });
  },
}));
