import type { Lang } from '../../../../shared/plan/findingCodes';
import { whereOf, type Plan, type Vm } from '../../../../shared/plan/model';
import type { Secret } from '../../../../shared/plan/secret';
import type { ValidationContext } from './context';

/*
 * Credentials that must be known before a run. The workbook may leave the
 * password of an endpoint or jump host empty on purpose, for the user to
 * enter at Connect (service/secrets): a warning here, and a run refuses to
 * start (`secret_required`) until it is entered. So may a scripted guest's
 * password; its user name has no prompt, so a missing one stays an error.
 */

const what = {
  endpoint: { en: 'The password or API token', zh: '密码或 API 令牌', es: 'la contraseña o el token de API' },
  jumpHost: { en: 'The password or key file', zh: '密码或密钥文件', es: 'la contraseña o el archivo de clave' },
  vmLogin: { en: 'The guest user', zh: '客户机用户名', es: 'el usuario invitado' },
  vmSecret: { en: 'The guest password or SSH key file (needed to run scripts)', zh: '客户机密码或 SSH 密钥文件（执行脚本需要）', es: 'la contraseña o la clave SSH del invitado (necesaria para los scripts)' },
} satisfies Record<string, Record<Lang, string>>;

function present(secret: Secret | null): boolean {
  return secret !== null && !secret.isEmpty;
}

/** VMs that run at least one script, directly or through a script's run-on list. */
function vmsWithScripts(plan: Plan): Set<Vm> {
  const result = new Set<Vm>(plan.vms.filter((vm) => vm.scripts.length > 0));
  for (const script of plan.scripts) {
    if (script.runOn === 'all') plan.vms.forEach((vm) => result.add(vm));
    else for (const name of script.runOn) plan.vms.filter((vm) => vm.name.toLowerCase() === name.toLowerCase()).forEach((vm) => result.add(vm));
  }
  return result;
}

export function checkSecrets(plan: Plan, context: ValidationContext): void {
  const lang = context.lang;
  for (const endpoint of plan.endpoints) {
    if (!present(endpoint.password) && !present(endpoint.apiToken)) {
      context.add('secret.missing', whereOf(endpoint, 'password'), { what: what.endpoint[lang], name: endpoint.name }, 'warning');
    }
    if (endpoint.username === null || endpoint.username === '') context.addFor('value.required', 'endpoints', endpoint, 'username');
  }
  for (const jumpHost of plan.jumpHosts) {
    if (!present(jumpHost.password) && jumpHost.keyPath === null) {
      context.add('secret.missing', whereOf(jumpHost, 'password'), { what: what.jumpHost[lang], name: jumpHost.name }, 'warning');
    }
  }
  for (const vm of vmsWithScripts(plan)) {
    if (vm.user === null) context.add('secret.missing', whereOf(vm, 'user'), { what: what.vmLogin[lang], name: vm.name });
    if (!present(vm.password) && vm.sshKeyPath === null) context.add('secret.missing', whereOf(vm, 'password'), { what: what.vmSecret[lang], name: vm.name }, 'warning');
  }
}
