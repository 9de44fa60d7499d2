import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultStepConcurrency } from '../../../../shared/runModel';
import { defaultSettings, SettingsFile } from './settingsFile';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rp-settings-'));
  dirs.push(dir);
  return dir;
};

describe('settings file', () => {
  it('starts from the defaults and merges what is set', async () => {
    const dir = newDir();
    const settings = new SettingsFile(dir);
    expect(await settings.get()).toEqual({ language: 'en', theme: 'system', concurrency: defaultStepConcurrency, recentFiles: [] });
    expect(await settings.set({ theme: 'dark', concurrency: 8 })).toEqual({ ...defaultSettings, theme: 'dark', concurrency: 8 });
    expect(await new SettingsFile(dir).get()).toMatchObject({ theme: 'dark', concurrency: 8, language: 'en' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
  });

  it('refuses an invalid value and keeps the file as it was', async () => {
    const settings = new SettingsFile(newDir());
    await settings.set({ language: 'zh' });
    await expect(settings.set({ concurrency: 0 })).rejects.toMatchObject({ appError: { code: 'invalid_request', title: expect.stringContaining('concurrency') } });
    expect(await settings.get()).toMatchObject({ language: 'zh', concurrency: defaultStepConcurrency });
  });

  it('reads a damaged or partly valid file field by field', async () => {
    const dir = newDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'es', theme: 'purple', concurrency: 'many' }));
    expect(await new SettingsFile(dir).get()).toEqual({ ...defaultSettings, language: 'es' });
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect(await new SettingsFile(dir).get()).toEqual(defaultSettings);
  });

  it('keeps recent files most recent first, each once, at most ten', async () => {
    const settings = new SettingsFile(newDir());
    for (let i = 0; i < 12; i++) await settings.addRecentFile(`/plans/p${i}.xlsx`);
    const again = await settings.addRecentFile('/plans/p5.xlsx');
    expect(again.recentFiles).toHaveLength(10);
    expect(again.recentFiles.slice(0, 3)).toEqual(['/plans/p5.xlsx', '/plans/p11.xlsx', '/plans/p10.xlsx']);
    expect(again.recentFiles.filter((path) => path === '/plans/p5.xlsx')).toHaveLength(1);
  });

  it('does not lose a change made at the same moment as another', async () => {
    const settings = new SettingsFile(newDir());
    await Promise.all([settings.set({ theme: 'light' }), settings.addRecentFile('/plans/a.xlsx'), settings.set({ concurrency: 2 })]);
    expect(await settings.get()).toMatchObject({ theme: 'light', concurrency: 2, recentFiles: ['/plans/a.xlsx'] });
  });
});
