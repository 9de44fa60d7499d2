// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/contract/wizardChannels';
import { AppFailure, appError } from '../../../../shared/errors';
import { installFakeBridge, type FakeBridge, type FakeHandlers } from '../../api/testBridge';
import { useThemeStore } from '../../app/themeStore';
import { useLanguageStore } from '../../i18n';
import { useSettingsStore } from './settingsStore';

const initial = useSettingsStore.getState();
const engineSettings: Settings = { language: 'zh', theme: 'dark', concurrency: 8, recentFiles: ['/a.xlsx'] };

let bridge: FakeBridge;
function install(handlers: FakeHandlers) {
  bridge = installFakeBridge(handlers);
}

beforeEach(() => {
  localStorage.clear();
  useSettingsStore.setState(initial, true);
  useLanguageStore.setState({ language: 'en' });
  useThemeStore.setState({ theme: 'system' });
});
afterEach(() => bridge.uninstall());

describe('settings', () => {
  it('take the engine’s values and apply language and theme', async () => {
    install({ 'settings:get': () => engineSettings });
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState()).toMatchObject({ status: 'loaded', settings: engineSettings });
    expect(useLanguageStore.getState().language).toBe('zh');
    expect(useThemeStore.getState().theme).toBe('dark');
  });

  it('keep a language chosen in this window over the engine’s', async () => {
    useLanguageStore.getState().setLanguage('es');
    install({ 'settings:get': () => engineSettings });
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState().settings.language).toBe('es');
    expect(useLanguageStore.getState().language).toBe('es');
  });

  it('work for this window alone when the engine does not keep them', async () => {
    install({});
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState().status).toBe('local');
    expect(await useSettingsStore.getState().update({ language: 'es' })).toBe(false);
    expect(useLanguageStore.getState().language).toBe('es');
    expect(useSettingsStore.getState().settings.language).toBe('es');
  });

  it('save a change and keep the engine’s answer', async () => {
    install({
      'settings:set': (change) => ({ ...engineSettings, ...change }),
    });
    expect(await useSettingsStore.getState().update({ concurrency: 12 })).toBe(true);
    expect(bridge.callsTo('settings:set')).toEqual([{ concurrency: 12 }]);
    expect(useSettingsStore.getState().settings).toEqual({ ...engineSettings, concurrency: 12 });
  });

  it('put a reopened file first in the recent list', async () => {
    install({ 'settings:set': (change) => ({ ...engineSettings, ...change }) });
    useSettingsStore.setState({ settings: { ...engineSettings, recentFiles: ['/a.xlsx', '/b.xlsx'] } });
    await useSettingsStore.getState().rememberFile('/b.xlsx');
    expect(bridge.callsTo('settings:set')).toEqual([{ recentFiles: ['/b.xlsx', '/a.xlsx'] }]);
    await useSettingsStore.getState().forgetFile('/a.xlsx');
    expect(useSettingsStore.getState().settings.recentFiles).toEqual(['/b.xlsx']);
  });

  it('show why a save was refused', async () => {
    install({
      'settings:set': () => {
        throw new AppFailure(appError('io', 'disk full'));
      },
    });
    expect(await useSettingsStore.getState().update({ theme: 'light' })).toBe(false);
    expect(useSettingsStore.getState().error).toMatchObject({ code: 'io' });
    expect(useThemeStore.getState().theme).toBe('light');
  });
});
