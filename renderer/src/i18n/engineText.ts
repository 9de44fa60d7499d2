import { useCallback } from 'react';
import { runName, stepTitle, type TitledText } from '../../../shared/i18n/engineText';
import { useLocale } from './languageStore';

/** Step titles and run names come from the engine as keys (shared/i18n/engineText); these say them in the UI's language. */
export function useStepTitle(): (step: TitledText) => string {
  const language = useLocale();
  return useCallback((step: TitledText) => stepTitle(step, language), [language]);
}

export function useRunName(): (run: { planName: string; rehearsal?: boolean | undefined }) => string {
  const language = useLocale();
  return useCallback((run: { planName: string; rehearsal?: boolean | undefined }) => runName(run, language), [language]);
}
