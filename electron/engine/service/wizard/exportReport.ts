import { writeFile } from 'node:fs/promises';
import { AppFailure, fail } from '../../../../shared/errors';
import { runName, sayOr, stepTitle, text } from '../../../../shared/i18n/engineText';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { LogLine } from '../../../../shared/runModel';
import type { ProviderRegistry } from '../../providers/registry';
import type { RunStore } from '../../store';
import type { Redactor } from '../../util/redactor';
import { collectRunResults } from '../runResults';
import { replaceAtomically } from './atomicWrite';
import { exportTarget } from './exportPaths';
import { renderReport, type ReportData } from './reportHtml';

const lastProblems = 50;
const pageSize = 5000;

/** The last `count` warnings and errors, reading page by page and keeping only a window of them. */
function recentProblems(store: RunStore, runId: string, count: number): LogLine[] {
  let kept: LogLine[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = store.getLogLines(runId, { afterSeq, limit: pageSize, minLevel: 'warn' });
    kept = [...kept, ...page.lines].slice(-count);
    const last = page.lines.at(-1);
    if (!page.hasMore || !last) return kept;
    afterSeq = last.seq;
  }
}

export function collectReportData(store: RunStore, runId: string, redact: (text: string) => string, now = Date.now(), providers?: ProviderRegistry, lang: Lang = 'en'): ReportData {
  const run = store.getRun(runId) ?? fail('not_found', text('error.run.none', { run: runId }));
  const results = collectRunResults(store, runId, providers, lang);
  const steps = store.getSteps(runId);
  return {
    runId,
    planName: redact(runName(run, lang)),
    environment: run.environment,
    state: run.state,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    generatedAt: now,
    counts: run.stepCounts,
    items: results.items
      .filter((item) => item.kind !== 'step')
      .map((item) => ({ ...item, error: item.error === null ? null : redact(item.error) })),
    failedSteps: steps
      .filter((step) => step.state === 'failed')
      .map((step) => ({
        id: step.id,
        title: stepTitle(step, lang),
        target: step.target,
        error: step.error
          ? {
              ...step.error,
              title: redact(sayOr(lang, step.error.text, step.error.title)),
              ...(step.error.hint !== undefined ? { hint: redact(sayOr(lang, step.error.hintText, step.error.hint)) } : {}),
              ...(step.error.detail !== undefined ? { detail: redact(step.error.detail) } : {}),
            }
          : null,
      })),
    problems: recentProblems(store, runId, lastProblems).map((line) => ({ ...line, text: redact(sayOr(lang, line.textRef, line.text)) })),
    lang,
  };
}

/** The run's HTML report, written atomically; returns where. */
export async function exportRunReport(
  deps: { store: RunStore; redactor: Redactor; dataDir: string; providers?: ProviderRegistry; language?: () => Promise<Lang> },
  runId: string,
  requested?: string,
): Promise<string> {
  // The report is written in the language of the user's settings; a settings file that cannot be read leaves English.
  const lang = deps.language ? await deps.language().catch((): Lang => 'en') : 'en';
  const data = collectReportData(deps.store, runId, (text) => deps.redactor.redact(text), Date.now(), deps.providers, lang);
  const target = await exportTarget(deps.dataDir, runId, '.report.html', requested);
  try {
    await replaceAtomically(target, (temp) => writeFile(temp, renderReport(data), { flag: 'wx' }));
  } catch (cause) {
    if (cause instanceof AppFailure) throw cause;
    fail('io', text('service.export.reportFailed', { path: target }), { detail: cause instanceof Error ? cause.message : String(cause) });
  }
  return target;
}
