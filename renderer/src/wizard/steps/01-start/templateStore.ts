import { create } from 'zustand';
import type { PlanLang } from '../../../../../shared/plan/model';
import type { AppError } from '../../../../../shared/errors';
import { call } from '../../../api/client';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';

/*
 * A blank planning workbook with notes and drop-downs, written by the engine.
 * The desktop app asks where with its save dialog (which has already asked
 * about replacing a file); elsewhere the user types the path.
 *
 *   idle ──create──> writing ──reply──> done (path) | failed
 *                       └──dialog closed──> idle
 */
interface TemplateState {
  status: 'idle' | 'writing' | 'done' | 'failed';
  path: string | null;
  error: AppError | null;
  create(request: { path: string | null; lang: PlanLang; overwrite: boolean }): Promise<string | null>;
}

export const templateFileName = 'rackpilot-plan.xlsx';

export const useTemplateStore = create<TemplateState>()((set, get) => ({
  status: 'idle',
  path: null,
  error: null,
  async create({ path, lang, overwrite }) {
    if (get().status === 'writing') return null;
    set({ status: 'writing', error: null });
    let target = path;
    let replace = overwrite;
    if (target === null && isDesktop(useAppInfoStore.getState().info)) {
      const chosen = await call('dialog:saveFile', { suggestedName: templateFileName, kind: 'xlsx' });
      if (!chosen.ok) {
        set({ status: 'failed', error: chosen.error });
        return null;
      }
      if (chosen.value.path === null) {
        set({ status: 'idle' });
        return null;
      }
      target = chosen.value.path;
      replace = true;
    }
    if (target === null) {
      set({ status: 'idle' });
      return null;
    }
    const reply = await call('plan:template', { path: target, lang, overwrite: replace });
    set(reply.ok ? { status: 'done', path: reply.value.path, error: null } : { status: 'failed', error: reply.error });
    return reply.ok ? reply.value.path : null;
  },
}));
