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
  it('let the engine choose the place in the web host and show where it wrote', async () => {
    host('web');
    install({ 'plan:writeResults': () => ({ path: '/plans/site.results.xlsx' }), 'run:exportLogs': ({ runId }) => ({ path: `/data/exports/${runId}.logs.tar.gz` }) });
    await useReportStore.getState().exportFile('results');
    await useReportStore.getState().exportFile('logs');
    expect(bridge.callsTo('plan:writeResults')).toEqual([{ runId: 'run-1', lang: 'en' }]);
    expect(bridge.callsTo('dialog:saveFile')).toEqual([]);
    expect(useReportStore.getState().exports).toMatchObject({
      results: { status: 'done', path: '/plans/site.results.xlsx' },
      logs: { status: 'done', path: '/data/exports/run-1.logs.tar.gz' },
      report: { status: 'idle' },
    });
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
    expect(useReportStore.getState().exports.report).toEqual({ status: 'done', path: '/home/me/report.html' });
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
