import { create } from 'zustand';
import type { ValueOf } from '../../../../shared/contract/channels';
import type { PlanRef } from '../../../../shared/contract/wizardChannels';
import { appError, type AppError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useLanguageStore } from '../../i18n';
import { baseName, isWorkbookName } from '../../lib/paths';
import { newUploadId, uploadInChunks } from '../../lib/upload';
import { useSettingsStore } from '../settings/settingsStore';

export type ImportResult = ValueOf<'plan:import'>;

/*
 * The workbook the wizard works on: where it is, what the engine made of it,
 * and whether it changed on disk since.
 *
 *   empty ──open(path)──> importing ──reply──> imported ──reimport / open──> importing
 *                            └──failure──> failed ──reimport / open──> importing
 *
 * Each successful import gets a new `importId`; the preflight and the review
 * keep the id they were made for, so results of an older import are never
 * taken for the current one.
 */
export type WorkbookStatus = 'empty' | 'importing' | 'imported' | 'failed';

export interface WorkbookState {
  path: string | null;
  /** What the user calls the file: an upload's own name (the engine keeps it under another path). */
  displayName: string | null;
  /** Sent from the browser: re-reading means uploading it again. */
  uploaded: boolean;
  status: WorkbookStatus;
  result: ImportResult | null;
  error: AppError | null;
  importId: number;
  importedAt: number | null;
  /** The file was saved again since the last import ('plan:changed'). */
  changed: boolean;
  /** Rehearse on the built-in lab instead of the plan's endpoints. */
  lab: boolean;
  upload: { name: string; sentBytes: number; totalBytes: number } | null;
  /** Why the last attempt to choose or send a file failed. */
  pickError: AppError | null;
  open(path: string, options?: { displayName?: string; uploaded?: boolean; lab?: boolean; sameImport?: boolean }): Promise<boolean>;
  reimport(): Promise<boolean>;
  /** Reads the workbook again for findings in the new UI language; an unchanged file keeps its import id (checks stay valid). */
  relocalize(): Promise<boolean>;
  /** The desktop's file dialog; false when the user closed it or it failed (then `pickError`). */
  openWithDialog(): Promise<boolean>;
  uploadFile(file: File): Promise<boolean>;
  noteChanged(path: string): void;
  setLab(lab: boolean): void;
  close(): void;
  /** Reopens what the last window had open (after a reload). */
  restore(): Promise<void>;
}

const storageKey = 'rackpilot.workbook';

interface Remembered {
  path: string;
  displayName: string;
  uploaded: boolean;
  lab: boolean;
}

function remember(value: Remembered | null): void {
  try {
    if (value) localStorage.setItem(storageKey, JSON.stringify(value));
    else localStorage.removeItem(storageKey);
  } catch {
    // Not kept across reloads; the session goes on.
  }
}

function remembered(): Remembered | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<Remembered> | null;
    if (!value || typeof value.path !== 'string' || value.path === '') return null;
    return { path: value.path, displayName: String(value.displayName ?? baseName(value.path)), uploaded: value.uploaded === true, lab: value.lab === true };
  } catch {
    return null;
  }
}

/** What preflight, review and run:start are given: the same reference, so all three see the same plan. */
export function planRefOf(state: Pick<WorkbookState, 'path' | 'lab'>): PlanRef | null {
  return state.path ? { path: state.path, lab: state.lab, profile: 'auto' } : null;
}

const t = () => useLanguageStore.getState().t;

let generation = 0;

export const useWorkbookStore = create<WorkbookState>()((set, get) => ({
  path: null,
  displayName: null,
  uploaded: false,
  status: 'empty',
  result: null,
  error: null,
  importId: 0,
  importedAt: null,
  changed: false,
  lab: false,
  upload: null,
  pickError: null,

  async open(path, options = {}) {
    const mine = ++generation;
    const displayName = options.displayName ?? baseName(path);
    const uploaded = options.uploaded ?? false;
    const lab = options.lab ?? (path === get().path ? get().lab : false);
    const samePath = path === get().path;
    set({ path, displayName, uploaded, lab, status: 'importing', error: null, changed: false, pickError: null, ...(samePath ? {} : { result: null }) });
    remember({ path, displayName, uploaded, lab });
    const reply = await call('plan:import', { path, profile: 'auto', lang: useLanguageStore.getState().language });
    if (mine !== generation) return false;
    if (!reply.ok) {
      set({ status: 'failed', error: reply.error, result: null });
      return false;
    }
    set({ status: 'imported', result: reply.value, importId: get().importId + (options.sameImport ? 0 : 1), importedAt: Date.now() });
    // Best effort: without a watch the user re-imports by hand.
    void call('plan:watch', { path });
    if (!uploaded) void useSettingsStore.getState().rememberFile(path);
    return true;
  },

  async reimport() {
    const { path, displayName, uploaded } = get();
    return path ? get().open(path, { displayName: displayName ?? baseName(path), uploaded }) : false;
  },

  async relocalize() {
    const { path, displayName, uploaded, changed, status } = get();
    if (!path || status !== 'imported') return false;
    return get().open(path, { displayName: displayName ?? baseName(path), uploaded, sameImport: !changed });
  },

  async openWithDialog() {
    set({ pickError: null });
    const reply = await call('dialog:openWorkbook', {});
    if (!reply.ok) {
      set({ pickError: reply.error });
      return false;
    }
    return reply.value.path ? get().open(reply.value.path) : false;
  },

  async uploadFile(file) {
    if (!isWorkbookName(file.name)) {
      set({ pickError: appError('invalid_request', t()('upload.notWorkbook', { name: file.name }), { hint: t()('upload.notWorkbookHint') }) });
      return false;
    }
    set({ upload: { name: file.name, sentBytes: 0, totalBytes: file.size }, pickError: null });
    const uploadId = newUploadId();
    const name = file.name.slice(-255);
    const outcome = await uploadInChunks(file, (chunk) => call('plan:upload', { uploadId, name, ...chunk }), {
      onProgress: (sentBytes, totalBytes) => set({ upload: { name: file.name, sentBytes, totalBytes } }),
    });
    set({ upload: null });
    if (!outcome.ok) {
      const error =
        outcome.reason === 'failed'
          ? outcome.reply.error
          : outcome.reason === 'tooLarge'
            ? appError('invalid_request', t()('upload.tooLarge', { name: file.name }))
            : appError('io', t()('upload.incomplete', { name: file.name }), { retryable: true });
      set({ pickError: error });
      return false;
    }
    return get().open(outcome.path, { displayName: file.name, uploaded: true });
  },

  noteChanged(path) {
    if (path === get().path && !get().changed) set({ changed: true });
  },

  setLab(lab) {
    if (lab === get().lab) return;
    set({ lab });
    const { path, displayName, uploaded } = get();
    if (path) remember({ path, displayName: displayName ?? baseName(path), uploaded, lab });
  },

  close() {
    generation++;
    if (get().path) void call('plan:watch', { path: null });
    remember(null);
    set({ path: null, displayName: null, uploaded: false, status: 'empty', result: null, error: null, changed: false, lab: false, importedAt: null });
  },

  async restore() {
    const last = remembered();
    if (!last || get().path) return;
    await get().open(last.path, last);
  },
}));
