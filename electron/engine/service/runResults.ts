import { sayOr } from '../../../shared/i18n/engineText';
import type { Lang } from '../../../shared/plan/findingCodes';
import type { RunResults, ResultItem } from '../plan/writeBack/types';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import { describeStepResult } from '../providers/results';
import type { RunStore } from '../store';
import type { StoredStep } from '../store/types';

function planRowOf(step: StoredStep): ResultItem['source'] {
  const origin = (step.input as { cells?: { origin?: { sheet?: unknown; cell?: unknown } } } | null)?.cells?.origin;
  return typeof origin?.sheet === 'string' && typeof origin.cell === 'string' ? { sheet: origin.sheet, cell: origin.cell } : undefined;
}

function plannedIp(step: StoredStep): string[] {
  const ip = (step.input as { ip?: unknown } | null)?.ip;
  return typeof ip === 'string' && ip !== '' ? [ip.split('/')[0]!] : [];
}

/**
 * What the write-back reports for a run: one item per step, named and with
 * the IDs of what it created as its provider describes them (steps of no
 * provider, such as the demo's, by the shared id convention).
 */
/** `lang`: the language of the errors' words (the results sheet's and the report's). */
export function collectRunResults(store: RunStore, runId: string, providers: ProviderRegistry = createProviderRegistry(), lang: Lang = 'en'): RunResults {
  const run = store.getRun(runId);
  if (!run) throw new Error(`run ${runId} vanished`);
  const artifacts = store.listArtifacts(runId);
  const items: ResultItem[] = store.getSteps(runId).map((step) => {
    const own = artifacts.filter((artifact) => artifact.stepId === step.id);
    const provider = providers.forStepKind(step.kind);
    const { kind, name, createdIds } = provider ? provider.resultOf(step, own) : describeStepResult(step, own);
    const source = planRowOf(step);
    return {
      ...(source ? { source } : {}),
      kind,
      name,
      target: step.target,
      status: step.state,
      createdIds,
      ips: plannedIp(step),
      startedAt: step.startedAt,
      endedAt: step.endedAt,
      durationMs: step.startedAt !== null && step.endedAt !== null ? step.endedAt - step.startedAt : null,
      error: step.error ? sayOr(lang, step.error.text, step.error.title) : null,
    };
  });
  return { runId, planName: run.planName, rehearsal: run.rehearsal, state: run.state, startedAt: run.startedAt, endedAt: run.endedAt, items };
}
