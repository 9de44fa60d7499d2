import { create } from 'zustand';
import type { AppError } from '../../../../../shared/errors';
import type { Reply } from '../../../../../shared/reply';
import { call } from '../../../api/client';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useLanguageStore } from '../../../i18n';

/*
 * What a run leaves behind, written by the engine: the results workbook (a
 * copy of the plan with a Results sheet), a redacted log bundle and an HTML
 * report. The desktop app asks where first; the web host lets the engine
 * choose (beside the workbook or in the data folder) and shows the path.
 *
 *   idle ──export──> working ──reply──> done (path)
 *                       ├──failure──> failed ──export──> working
 *                       └──dialog cancelled──> idle
 */
export const exportKinds = ['results', 'logs', 'report'] as const;
export type ExportKind = (typeof exportKinds)[number];

export type ExportState = { status: 'idle' } | { status: 'working' } | { status: 'done'; path: string } | { status: 'failed'; error: AppError };

interface ReportState {
  runId: string | null;
  exports: Record<ExportKind, ExportState>;
  /** Forgets the exports of another run. */
  showRun(runId: string): void;
  exportFile(kind: ExportKind): Promise<void>;
}

const idle: Record<ExportKind, ExportState> = { results: { status: 'idle' }, logs: { status: 'idle' }, report: { status: 'idle' } };

const dialogKinds = { results: 'xlsx', logs: 'tar.gz', report: 'html' } as const;

function suggestedName(kind: ExportKind, runId: string): string {
  const short = runId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 12) || 'run';
  return kind === 'results' ? `results-${short}.xlsx` : kind === 'logs' ? `logs-${short}.tar.gz` : `report-${short}.html`;
}

function send(kind: ExportKind, runId: string, path: string | undefined): Promise<Reply<{ path: string }>> {
  const where = path ? { path } : {};
  if (kind === 'results') return call('plan:writeResults', { runId, ...where, lang: useLanguageStore.getState().language, ...(path ? { overwrite: true } : {}) });
  if (kind === 'logs') return call('run:exportLogs', { runId, ...where });
  return call('run:exportReport', { runId, ...where });
}

export const useReportStore = create<ReportState>()((set, get) => ({
  runId: null,
  exports: idle,
  showRun(runId) {
    if (get().runId !== runId) set({ runId, exports: idle });
  },
  async exportFile(kind) {
    const runId = get().runId;
    if (!runId || get().exports[kind].status === 'working') return;
    const setExport = (state: ExportState) => {
      if (get().runId === runId) set({ exports: { ...get().exports, [kind]: state } });
    };
    setExport({ status: 'working' });
    let path: string | undefined;
    if (isDesktop(useAppInfoStore.getState().info)) {
      const chosen = await call('dialog:saveFile', { suggestedName: suggestedName(kind, runId), kind: dialogKinds[kind] });
      if (!chosen.ok) return setExport({ status: 'failed', error: chosen.error });
      // The user closed the dialog: nothing was asked for.
      if (chosen.value.path === null) return setExport({ status: 'idle' });
      path = chosen.value.path;
    }
    const reply = await send(kind, runId, path);
    setExport(reply.ok ? { status: 'done', path: reply.value.path } : { status: 'failed', error: reply.error });
  },
}));
