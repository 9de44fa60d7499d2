import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { formatWhere } from '../../../../shared/plan/findingCodes';
import { whereOf, type CellRef, type Plan } from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import type { SecretTarget } from '../../../../shared/secrets';
import { scriptsOf } from '../../scripts';
import type { SecretVault } from './secretVault';

/** A password the workbook leaves empty, where it would have been, and how to put one in the plan. */
export interface WantedSecret {
  target: SecretTarget;
  cell: CellRef | null;
  fill(value: string): void;
}

const isBlank = (secret: Secret | null): boolean => secret === null || secret.isEmpty;

/**
 * Endpoints with neither password nor API token, jump hosts with neither
 * password nor key file, VMs that run scripts with neither password nor key
 * file. On a rehearsal the lab gives every endpoint and guest its own
 * throwaway login, so only jump hosts can be wanted.
 */
export function wantedSecrets(plan: Plan, options: { lab: boolean }): WantedSecret[] {
  const wanted: WantedSecret[] = [];
  if (!options.lab) {
    for (const endpoint of plan.endpoints) {
      if (!isBlank(endpoint.password) || !isBlank(endpoint.apiToken)) continue;
      wanted.push({
        target: { scope: 'endpoint', name: endpoint.name, address: endpoint.address, user: endpoint.username ?? '' },
        cell: whereOf(endpoint, 'password'),
        fill: (value) => void (endpoint.password = new Secret(value)),
      });
    }
  }
  for (const jumpHost of plan.jumpHosts) {
    if (!isBlank(jumpHost.password) || jumpHost.keyPath !== null) continue;
    wanted.push({
      target: { scope: 'jumpHost', name: jumpHost.name, address: jumpHost.address, user: jumpHost.user },
      cell: whereOf(jumpHost, 'password'),
      fill: (value) => void (jumpHost.password = new Secret(value)),
    });
  }
  // A guest's login matters only to its scripts; on a rehearsal the lab's SSH logs in with its own.
  if (!options.lab) {
    for (const vm of plan.vms) {
      if (!isBlank(vm.password) || vm.sshKeyPath !== null || vm.user === null || scriptsOf(plan, vm).length === 0) continue;
      wanted.push({
        target: { scope: 'vm', name: vm.name, address: vm.ip ?? '', user: vm.user },
        cell: whereOf(vm, 'password'),
        fill: (value) => void (vm.password = new Secret(value)),
      });
    }
  }
  return wanted;
}

/** Puts every password the user entered (or remembered) into the plan; returns what is still missing. */
export async function fillEnteredSecrets(plan: Plan, vault: SecretVault, options: { lab: boolean }): Promise<WantedSecret[]> {
  const missing: WantedSecret[] = [];
  for (const wanted of wantedSecrets(plan, options)) {
    const value = await vault.find(wanted.target);
    if (value === undefined) missing.push(wanted);
    else wanted.fill(value);
  }
  return missing;
}

const scopeNames = { endpoint: 'service.secrets.endpoint', jumpHost: 'service.secrets.jumpHost', vm: 'service.secrets.vm' } as const satisfies Record<SecretTarget['scope'], string>;

/** Nothing starts without them: the UI turns this error into the prompt (secrets:needed), then starts or resumes again. */
export function refuseMissingSecrets(missing: readonly WantedSecret[]): void {
  const first = missing[0];
  if (!first) return;
  const describe = (wanted: WantedSecret) => {
    const at = formatWhere(wanted.cell);
    const what = text(scopeNames[wanted.target.scope]);
    return at ? text('service.secrets.targetAt', { what, name: wanted.target.name, at }) : text('service.secrets.target', { what, name: wanted.target.name });
  };
  fail('secret_required', text('service.secrets.needed', { what: text('text.commas', { items: missing.map(describe) }) }), {
    hint: text('service.secrets.neededHint', { variable: 'RACKPILOT_PASSWORD_<NAME>' }),
    ...(first.cell ? { cell: first.cell } : {}),
  });
}
