import { create } from 'zustand';
import type { AppError } from '../../../../../shared/errors';
import type { Reply } from '../../../../../shared/reply';
import { call } from '../../../api/client';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useLanguageStore } from '../../../i18n';
import { downloadExport } from './downloadExport';

/*
 * What a run leaves behind, written by the engine: the results workbook (a
 * copy of the plan with a Results sheet), a redacted log bundle and an HTML
 * report. The desktop app asks where first and then offers Open and Show
 * in folder; in the browser the engine chooses (beside the workbook or in
 * the data folder) and the file is downloaded at once.
 *
 *   idle ──export──> working ──written (desktop) / downloaded (web)──> done (path)
 *                       ├──failure──> failed ──export──> working
 *                       └──dialog cancelled──> idle
 *   done ──open / show in folder / download again──> done (+ that action's error, if any)
 */
export const exportKinds = ['results', 'logs', 'report'] as const;
export type ExportKind = (typeof exportKinds)[number];

export type ExportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; path: string; downloadedAs: string | null; actionError: AppError | null }
  | { status: 'failed'; error: AppError };

export type FileAction = 'open' | 'showInFolder' | 'download';

interface ReportState {
  runId: string | null;
  exports: Record<ExportKind, ExportState>;
  /** Forgets the exports of another run. */
  showRun(runId: string): void;
  exportFile(kind: ExportKind): Promise<void>;
  /** For a written file: open it or show it (desktop), or download it again (web). */
  fileAction(kind: ExportKind, action: FileAction): Promise<void>;
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
    if (!reply.ok) return setExport({ status: 'failed', error: reply.error });
    if (path !== undefined) return setExport({ status: 'done', path: reply.value.path, downloadedAs: null, actionError: null });
    const downloaded = await downloadExport(reply.value.path);
    setExport(downloaded.ok ? { status: 'done', path: reply.value.path, downloadedAs: downloaded.value.name, actionError: null } : { status: 'failed', error: downloaded.error });
  },
  async fileAction(kind, action) {
    const state = get().exports[kind];
    if (state.status !== 'done') return;
    const reply =
      action === 'download' ? await downloadExport(state.path) : await call(action === 'open' ? 'file:open' : 'file:showInFolder', { path: state.path });
    const now = get().exports[kind];
    if (now.status === 'done' && now.path === state.path) {
      set({ exports: { ...get().exports, [kind]: { ...now, actionError: reply.ok ? null : reply.error } } });
    }
  },
}));
