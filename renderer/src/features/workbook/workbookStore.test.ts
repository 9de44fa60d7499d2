// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ValueOf } from '../../../../shared/contract/channels';
import { AppFailure, appError } from '../../../../shared/errors';
import { installFakeBridge, type FakeBridge, type FakeHandlers } from '../../api/testBridge';
import { useLanguageStore } from '../../i18n';
import { useSettingsStore } from '../settings/settingsStore';
import { planRefOf, useWorkbookStore } from './workbookStore';

const initial = useWorkbookStore.getState();
const initialSettings = useSettingsStore.getState();

const imported = (errors = 0): ValueOf<'plan:import'> => ({
  profile: 'rackpilot-v1',
  summary: { errors, warnings: 0, infos: 0, sheets: 6, rows: 23 },
  findings: [],
  plan: null,
});

let bridge: FakeBridge;
function install(handlers: FakeHandlers = {}) {
  bridge = installFakeBridge({
    'plan:import': () => imported(),
    'plan:watch': () => ({}),
    'settings:set': (change) => ({ language: 'en', theme: 'system', concurrency: 4, recentFiles: [], ...change }),
    ...handlers,
  });
}

beforeEach(() => {
  localStorage.clear();
  useWorkbookStore.setState(initial, true);
  useSettingsStore.setState(initialSettings, true);
  useLanguageStore.getState().setLanguage('en');
});
afterEach(() => bridge.uninstall());

describe('opening a workbook', () => {
  it('imports it in the UI language, watches it and remembers it as recent', async () => {
    install();
    useLanguageStore.getState().setLanguage('es');
    expect(await useWorkbookStore.getState().open('/plans/site.xlsx')).toBe(true);
    const state = useWorkbookStore.getState();
    expect(state).toMatchObject({ status: 'imported', path: '/plans/site.xlsx', displayName: 'site.xlsx', importId: 1, changed: false, lab: false });
    expect(bridge.callsTo('plan:import')).toEqual([{ path: '/plans/site.xlsx', profile: 'auto', lang: 'es' }]);
    expect(bridge.callsTo('plan:watch')).toEqual([{ path: '/plans/site.xlsx' }]);
    expect(bridge.callsTo('settings:set')).toEqual([{ recentFiles: ['/plans/site.xlsx'] }]);
    expect(planRefOf(state)).toEqual({ path: '/plans/site.xlsx', lab: false, profile: 'auto' });
  });

  it('keeps the engine’s refusal and does not watch or remember a file it could not read', async () => {
    install({
      'plan:import': () => {
        throw new AppFailure(appError('workbook_unreadable', 'not a zip'));
      },
    });
    expect(await useWorkbookStore.getState().open('/plans/broken.xlsx')).toBe(false);
    expect(useWorkbookStore.getState()).toMatchObject({ status: 'failed', error: { code: 'workbook_unreadable' }, result: null, importId: 0 });
    expect(bridge.callsTo('plan:watch')).toEqual([]);
    expect(bridge.callsTo('settings:set')).toEqual([]);
  });

  it('lets the later of two opens win even when the earlier answers last', async () => {
    const answers: Record<string, (value: ValueOf<'plan:import'>) => void> = {};
    install({ 'plan:import': ({ path }) => new Promise((resolve) => (answers[path] = resolve)) });
    const first = useWorkbookStore.getState().open('/a.xlsx');
    const second = useWorkbookStore.getState().open('/b.xlsx');
    answers['/b.xlsx']!(imported(0));
    expect(await second).toBe(true);
    answers['/a.xlsx']!(imported(5));
    expect(await first).toBe(false);
    expect(useWorkbookStore.getState()).toMatchObject({ path: '/b.xlsx', result: { summary: { errors: 0 } }, importId: 1 });
  });

  it('notes a change of the open file only, and reading it again clears the note with a new import id', async () => {
    install();
    await useWorkbookStore.getState().open('/plans/site.xlsx');
    useWorkbookStore.getState().noteChanged('/plans/other.xlsx');
    expect(useWorkbookStore.getState().changed).toBe(false);
    useWorkbookStore.getState().noteChanged('/plans/site.xlsx');
    expect(useWorkbookStore.getState().changed).toBe(true);
    await useWorkbookStore.getState().reimport();
    expect(useWorkbookStore.getState()).toMatchObject({ changed: false, importId: 2 });
  });

  it('reads the findings again in another language without invalidating checks made on the same file', async () => {
    install();
    await useWorkbookStore.getState().open('/plans/site.xlsx');
    useLanguageStore.getState().setLanguage('zh');
    await useWorkbookStore.getState().relocalize();
    expect(bridge.callsTo('plan:import').at(-1)).toMatchObject({ lang: 'zh' });
    expect(useWorkbookStore.getState().importId).toBe(1);
    // A file saved again since is a new import, whatever the reason for reading it.
    useWorkbookStore.getState().noteChanged('/plans/site.xlsx');
    await useWorkbookStore.getState().relocalize();
    expect(useWorkbookStore.getState().importId).toBe(2);
  });

  it('restores the workbook of the last window, lab choice included', async () => {
    install();
    await useWorkbookStore.getState().open('/plans/site.xlsx', { lab: true });
    useWorkbookStore.setState(initial, true);
    await useWorkbookStore.getState().restore();
    expect(useWorkbookStore.getState()).toMatchObject({ path: '/plans/site.xlsx', lab: true, status: 'imported' });
    useWorkbookStore.getState().close();
    useWorkbookStore.setState(initial, true);
    await useWorkbookStore.getState().restore();
    expect(useWorkbookStore.getState().path).toBeNull();
  });
});

describe('uploading a workbook', () => {
  it('sends it in chunks, then opens the engine’s copy under the file’s own name without adding it to the recent files', async () => {
    install({
      'plan:upload': ({ offset, chunkBase64, final }) => ({ received: offset + atob(chunkBase64).length, path: final ? '/data/uploads/x/site.xlsx' : null }),
    });
    const file = new File([new Uint8Array(500_000)], 'site.xlsx');
    expect(await useWorkbookStore.getState().uploadFile(file)).toBe(true);
    const uploads = bridge.callsTo('plan:upload');
    expect(uploads.map((chunk) => chunk.offset)).toEqual([0, 393_216]);
    expect(new Set(uploads.map((chunk) => chunk.uploadId)).size).toBe(1);
    expect(useWorkbookStore.getState()).toMatchObject({ path: '/data/uploads/x/site.xlsx', displayName: 'site.xlsx', uploaded: true, upload: null, status: 'imported' });
    expect(bridge.callsTo('settings:set')).toEqual([]);
  });

  it('refuses a file that is not a workbook without sending it', async () => {
    install();
    expect(await useWorkbookStore.getState().uploadFile(new File(['a,b'], 'plan.csv'))).toBe(false);
    expect(useWorkbookStore.getState().pickError).toMatchObject({ code: 'invalid_request', title: 'plan.csv is not an Excel workbook.' });
    expect(bridge.callsTo('plan:upload')).toEqual([]);
  });
});
