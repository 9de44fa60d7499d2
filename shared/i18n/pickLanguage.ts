import { planLangs, type PlanLang } from '../plan/model';

/** The best of our languages for a list of language tags (navigator.languages, the system's locale): `zh-CN` -> zh, `es-MX` -> es, else en. */
export function pickLanguage(preferred: readonly string[]): PlanLang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if ((planLangs as readonly string[]).includes(base ?? '')) return base as PlanLang;
  }
  return 'en';
}
