import { create } from 'zustand';
import type { Settings } from '../../../../shared/contract/wizardChannels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { savedTheme, useThemeStore } from '../../app/themeStore';
import { savedLanguage, useLanguageStore } from '../../i18n';
import { withRecentFile } from '../../lib/paths';
import { defaultStepConcurrency } from '../../../../shared/runModel';

/*
 * The engine keeps the settings (they outlive the web host's changing
 * address, which takes the browser's storage with it). Language and theme
 * are also kept in the browser so the first paint is right; a choice saved
 * there wins over the engine's at load, since it was made in this window.
 *
 *   idle ──load──> loading ──reply──> loaded
 *                     └──failure──> local (the engine does not serve settings: this window's values only)
 */
export type SettingsStatus = 'idle' | 'loading' | 'loaded' | 'local';

export const defaultConcurrency = defaultStepConcurrency;

interface SettingsState {
  settings: Settings;
  status: SettingsStatus;
  /** The last load or save that failed, until the next success. */
  error: AppError | null;
  load(): Promise<void>;
  /** Applies at once and saves; false when the engine refused (the change stays for this window). */
  update(change: Partial<Settings>): Promise<boolean>;
  rememberFile(path: string): Promise<void>;
  forgetFile(path: string): Promise<void>;
}

const initialSettings = (): Settings => ({
  language: useLanguageStore.getState().language,
  theme: useThemeStore.getState().theme,
  concurrency: defaultConcurrency,
  recentFiles: [],
});

function applyLook(change: Partial<Settings>): void {
  if (change.language && change.language !== useLanguageStore.getState().language) useLanguageStore.getState().setLanguage(change.language);
  if (change.theme && change.theme !== useThemeStore.getState().theme) useThemeStore.getState().setTheme(change.theme);
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: initialSettings(),
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading' });
    const reply = await call('settings:get', {});
    if (!reply.ok) return set({ status: 'local', error: reply.error });
    const local = { language: savedLanguage(), theme: savedTheme() };
    const settings: Settings = { ...reply.value, language: local.language ?? reply.value.language, theme: local.theme ?? reply.value.theme };
    set({ settings, status: 'loaded', error: null });
    applyLook(settings);
  },
  async update(change) {
    set({ settings: { ...get().settings, ...change } });
    applyLook(change);
    const reply = await call('settings:set', change);
    if (!reply.ok) {
      set({ error: reply.error });
      return false;
    }
    // The engine's answer is the truth, except for a change made meanwhile in this window.
    set({ settings: { ...reply.value, ...pick(get().settings, change) }, error: null, status: 'loaded' });
    return true;
  },
  async rememberFile(path) {
    await get().update({ recentFiles: withRecentFile(get().settings.recentFiles, path) });
  },
  async forgetFile(path) {
    await get().update({ recentFiles: get().settings.recentFiles.filter((entry) => entry !== path) });
  },
}));

/** The fields of `settings` that `change` named. */
function pick(settings: Settings, change: Partial<Settings>): Partial<Settings> {
  return Object.fromEntries(Object.keys(change).map((key) => [key, settings[key as keyof Settings]])) as Partial<Settings>;
}
