import type { ContractHandlers } from '../../../../shared/contract/api';
import { runSourceSchema, type WorkbookSource } from '../../../../shared/contract/channels';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { formatWhere } from '../../../../shared/plan/findingCodes';
import type { RunStore } from '../../store';
import { readWorkbookPlan, type WorkbookRunDeps } from '../workbookRuns';
import { wantedSecrets } from './planSecrets';
import type { SecretVault } from './secretVault';

/** The workbook a stored run deploys, or null for a run of no workbook (the demo). */
function sourceOfRun(store: RunStore, runId: string): WorkbookSource | null {
  const run = store.getRun(runId);
  if (!run) fail('not_found', text('error.run.none', { run: runId }));
  const source = runSourceSchema.safeParse(run.source);
  if (!source.success) fail('internal', `Run ${runId} has a source this version cannot read.`);
  return source.data.kind === 'workbook' ? source.data : null;
}

type SecretChannel = 'secrets:needed' | 'secrets:provide' | 'secrets:remembered' | 'secrets:forget';

/** The secrets channels; no reply ever carries a value back. */
export function secretHandlers(vault: SecretVault, runDeps: () => WorkbookRunDeps): Pick<ContractHandlers, SecretChannel> {
  return {
    'secrets:needed': async (request) => {
      const deps = runDeps();
      const plan = 'plan' in request ? request.plan : sourceOfRun(deps.store, request.runId);
      if (plan === null) return { persistent: vault.persistent, needs: [] };
      const { plan: read } = await readWorkbookPlan(plan, deps);
      const needs = await Promise.all(
        wantedSecrets(read, { lab: plan.lab }).map(async (wanted) => ({
          target: wanted.target,
          cell: formatWhere(wanted.cell) || null,
          state: await vault.stateOf(wanted.target),
        })),
      );
      return { persistent: vault.persistent, needs };
    },
    'secrets:provide': async ({ target, value, remember }) => {
      await vault.provide(target, value, remember);
      return {};
    },
    'secrets:remembered': async () => ({ persistent: vault.persistent, targets: await vault.remembered() }),
    'secrets:forget': async ({ target }) => {
      await vault.forget(target);
      return {};
    },
  };
}
