import { useCallback, useMemo } from 'react';
import type { AppError } from '../../../shared/errors';
import { runName, sayOr, stepTitle, type NamedRun, type TextRef, type TitledText } from '../../../shared/i18n/engineText';
import { useLocale } from './languageStore';

/** Step titles and run names come from the engine as keys (shared/i18n/engineText); these say them in the UI's language. */
export function useStepTitle(): (step: TitledText) => string {
  const language = useLocale();
  return useCallback((step: TitledText) => stepTitle(step, language), [language]);
}

export function useRunName(): (run: NamedRun) => string {
  const language = useLocale();
  return useCallback((run: NamedRun) => runName(run, language), [language]);
}

/** What a check carries: English strings, and their catalogue text when the engine has words of its own for them. */
export interface WordedCheck {
  message: string;
  detail: string | null;
  text?: TextRef | undefined;
  detailText?: TextRef | undefined;
}

export interface EngineWords {
  errorTitle(error: Pick<AppError, 'title' | 'text'>): string;
  errorHint(error: Pick<AppError, 'hint' | 'hintText'>): string | undefined;
  checkMessage(check: WordedCheck): string;
  checkDetail(check: WordedCheck): string | null;
  /** A log line: Rackpilot's own lines have catalogue text, the platforms' and scripts' output stays as it was said. */
  logText(line: { text: string; textRef?: TextRef | undefined }): string;
}

/** Errors, checks and log lines the engine wrote, in the UI's language (their stored English when the key is unknown). */
export function useEngineWords(): EngineWords {
  const language = useLocale();
  return useMemo(
    () => ({
      errorTitle: (error) => sayOr(language, error.text, error.title),
      errorHint: (error) => (error.hint === undefined ? undefined : sayOr(language, error.hintText, error.hint)),
      checkMessage: (check) => sayOr(language, check.text, check.message),
      checkDetail: (check) => (check.detail === null ? null : sayOr(language, check.detailText, check.detail)),
      logText: (line) => sayOr(language, line.textRef, line.text),
    }),
    [language],
  );
}
