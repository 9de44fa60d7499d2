import type { ContractHandlers } from '../../../../shared/contract/api';
import { formatWhere } from '../../../../shared/plan/findingCodes';
import { readWorkbookPlan, type WorkbookRunDeps } from '../workbookRuns';
import { wantedSecrets } from './planSecrets';
import type { SecretVault } from './secretVault';

type SecretChannel = 'secrets:needed' | 'secrets:provide' | 'secrets:remembered' | 'secrets:forget';

/** The secrets channels; no reply ever carries a value back. */
export function secretHandlers(vault: SecretVault, runDeps: () => WorkbookRunDeps): Pick<ContractHandlers, SecretChannel> {
  return {
    'secrets:needed': async ({ plan }) => {
      const { plan: read } = await readWorkbookPlan(plan, runDeps());
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
