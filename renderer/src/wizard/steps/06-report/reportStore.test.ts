// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../../../../shared/errors';
import { installFakeBridge, type FakeBridge, type FakeHandlers } from '../../../api/testBridge';
import { useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useLanguageStore } from '../../../i18n';
import { useReportStore } from './reportStore';

const initial = useReportStore.getState();
let bridge: FakeBridge;
function install(handlers: FakeHandlers) {
  bridge = installFakeBridge(handlers);
}
const host = (kind: 'electron' | 'web') => useAppInfoStore.setState({ info: { version: '1', host: kind, dataDir: '/data', samplePlans: null } });

beforeEach(() => {
  useReportStore.setState(initial, true);
  useReportStore.getState().showRun('run-1');
  useLanguageStore.getState().setLanguage('en');
});
afterEach(() => bridge.uninstall());

describe('exports', () => {
  it('let the engine choose the place in the web host and download what it wrote', async () => {
    host('web');
    const clicked: string[] = [];
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    install({
      'plan:writeResults': () => ({ path: '/plans/site.results.xlsx' }),
      'run:exportLogs': ({ runId }) => ({ path: `/data/exports/${runId}.logs.tar.gz` }),
      'file:read': ({ path, offset }) => ({ name: path.split('/').pop()!, chunkBase64: btoa('ab'), totalBytes: 4, nextOffset: offset === 0 ? 2 : null }),
    });
    await useReportStore.getState().exportFile('results');
    await useReportStore.getState().exportFile('logs');
    expect(bridge.callsTo('plan:writeResults')).toEqual([{ runId: 'run-1', lang: 'en' }]);
    expect(bridge.callsTo('dialog:saveFile')).toEqual([]);
    expect(useReportStore.getState().exports).toMatchObject({
      results: { status: 'done', path: '/plans/site.results.xlsx', downloadedAs: 'site.results.xlsx' },
      logs: { status: 'done', path: '/data/exports/run-1.logs.tar.gz', downloadedAs: 'run-1.logs.tar.gz' },
      report: { status: 'idle' },
    });
    // Two chunks per file, then one download each.
    expect(bridge.callsTo('file:read')).toHaveLength(4);
    expect(clicked).toEqual(['site.results.xlsx', 'run-1.logs.tar.gz']);
  });

  it('ask where in the desktop app, and write nothing when the dialog is closed', async () => {
    host('electron');
    let answer: string | null = null;
    install({ 'dialog:saveFile': () => ({ path: answer }), 'run:exportReport': ({ path }) => ({ path: path ?? '?' }) });
    await useReportStore.getState().exportFile('report');
    expect(useReportStore.getState().exports.report).toEqual({ status: 'idle' });
    expect(bridge.callsTo('run:exportReport')).toEqual([]);
    answer = '/home/me/report.html';
    await useReportStore.getState().exportFile('report');
    expect(bridge.callsTo('dialog:saveFile').at(-1)).toEqual({ suggestedName: 'report-run-1.html', kind: 'html' });
    expect(bridge.callsTo('run:exportReport')).toEqual([{ runId: 'run-1', path: '/home/me/report.html' }]);
    expect(useReportStore.getState().exports.report).toEqual({ status: 'done', path: '/home/me/report.html', downloadedAs: null, actionError: null });
    expect(bridge.callsTo('file:read')).toEqual([]);
  });

  it('open a written file or show it in its folder, and say when that fails', async () => {
    host('electron');
    install({
      'dialog:saveFile': () => ({ path: '/home/me/report.html' }),
      'run:exportReport': ({ path }) => ({ path: path ?? '?' }),
      'file:open': () => ({}),
      'file:showInFolder': () => {
        throw new AppFailure(appError('io', 'no file manager'));
      },
    });
    await useReportStore.getState().exportFile('report');
    await useReportStore.getState().fileAction('report', 'open');
    expect(bridge.callsTo('file:open')).toEqual([{ path: '/home/me/report.html' }]);
    expect(useReportStore.getState().exports.report).toMatchObject({ actionError: null });
    await useReportStore.getState().fileAction('report', 'showInFolder');
    expect(useReportStore.getState().exports.report).toMatchObject({ status: 'done', actionError: { code: 'io' } });
  });

  it('show why an export failed, and forget the exports of another run', async () => {
    host('web');
    install({
      'plan:writeResults': () => {
        throw new AppFailure(appError('unsupported', 'not from a workbook'));
      },
    });
    await useReportStore.getState().exportFile('results');
    expect(useReportStore.getState().exports.results).toMatchObject({ status: 'failed', error: { code: 'unsupported' } });
    useReportStore.getState().showRun('run-2');
    expect(useReportStore.getState().exports.results).toEqual({ status: 'idle' });
  });
});
