import { create } from 'zustand';
import type { ValueOf } from '../../../../shared/contract/channels';
import type { AppError } from '../../../../shared/errors';
import { call } from '../../api/client';

export type AppInfo = ValueOf<'app:info'>;

interface AppInfoState {
  info: AppInfo | null;
  error: AppError | null;
  load(): Promise<void>;
}

/** Which host the page runs in (desktop dialogs or browser uploads), the data folder and the bundled sample plans. */
export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  error: null,
  async load() {
    const reply = await call('app:info', {});
    set(reply.ok ? { info: reply.value, error: null } : { error: reply.error });
  },
}));

/** The desktop app has native dialogs; the web host and an unknown host get upload and path fields instead. */
export const isDesktop = (info: AppInfo | null): boolean => info?.host === 'electron';

/** The sample plan in the UI's language, when this build ships one (older engines say nothing about it). */
export function samplePlanPath(info: AppInfo | null, language: 'en' | 'zh' | 'es'): string | null {
  const plans = (info as { samplePlans?: Record<'en' | 'zh' | 'es', string> | null } | null)?.samplePlans;
  return plans?.[language] ?? null;
}
