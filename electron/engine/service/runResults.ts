import type { RunResults, ResultItem } from '../plan/writeBack/types';
import type { RunStore } from '../store';
import type { StoredStep } from '../store/types';

const itemKindByPrefix: Array<[string, ResultItem['kind']]> = [
  ['vm.', 'vm'],
  ['image.', 'image'],
];

/** Bookkeeping the steps keep for resuming, not something an engineer looks up. */
const internalFields = new Set(['phase', 'mtimeMs']);

function createdIdsOf(artifacts: Array<{ key: string; value: unknown }>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const { value } of artifacts) {
    if (value === null || typeof value !== 'object') continue;
    for (const [name, field] of Object.entries(value)) {
      if (internalFields.has(name) || field === null || field === undefined) continue;
      if (typeof field === 'string' || typeof field === 'number') ids[name] = String(field);
    }
  }
  return ids;
}

function planRowOf(step: StoredStep): ResultItem['source'] {
  const origin = (step.input as { cells?: { origin?: { sheet?: unknown; cell?: unknown } } } | null)?.cells?.origin;
  return typeof origin?.sheet === 'string' && typeof origin.cell === 'string' ? { sheet: origin.sheet, cell: origin.cell } : undefined;
}

function plannedIp(step: StoredStep): string[] {
  const ip = (step.input as { ip?: unknown } | null)?.ip;
  return typeof ip === 'string' && ip !== '' ? [ip.split('/')[0]!] : [];
}

/** What the write-back reports for a run: one item per VM and image step, IDs from what the steps recorded. */
export function collectRunResults(store: RunStore, runId: string): RunResults {
  const run = store.getRun(runId);
  if (!run) throw new Error(`run ${runId} vanished`);
  const artifacts = store.listArtifacts(runId);
  const items: ResultItem[] = store.getSteps(runId).map((step) => {
    const kind = itemKindByPrefix.find(([prefix]) => step.id.startsWith(prefix))?.[1] ?? 'step';
    const name = kind === 'step' ? step.title : step.id.slice(step.id.indexOf(':') + 1);
    const source = planRowOf(step);
    return {
      ...(source ? { source } : {}),
      kind,
      name,
      target: step.target,
      status: step.state,
      createdIds: createdIdsOf(artifacts.filter((artifact) => artifact.stepId === step.id)),
      ips: plannedIp(step),
      startedAt: step.startedAt,
      endedAt: step.endedAt,
      durationMs: step.startedAt !== null && step.endedAt !== null ? step.endedAt - step.startedAt : null,
      error: step.error ? step.error.title : null,
    };
  });
  return { runId, planName: run.planName, state: run.state, startedAt: run.startedAt, endedAt: run.endedAt, items };
}
