import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fail } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import { whereOf, type JumpHost, type Plan, type Vm } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import type { SshAuth, SshChain, SshHop } from '../ssh';
import { scriptsOf } from './scriptSteps';

/*
 * Where the plan's SSH goes: each VM's hop (its address, user, password or
 * key) behind the jump hosts it is reached through, bastions first. A
 * rehearsal redirects all of it to the lab's SSH simulator (`pointSshAtLab`).
 */

export const defaultSshPort = 22;
const labSshKey = 'rackpilot.labSsh';

/** What the lab's SSH simulator announces: `ssh://127.0.0.1:PORT`, its login, its host key. */
export interface LabSshTarget {
  url: string;
  username: string;
  password: string;
  /** `SHA256:...` */
  fingerprint: string;
}

interface LabSshRedirect {
  host: string;
  port: number;
  fingerprint: string;
}

/**
 * What the lab's SSH simulator must pretend to be for a plan's scripts: each
 * VM that runs one, by name and planned address. Its own account (which
 * `pointSshAtLab` logs in with) is always accepted; the plan's guest users are
 * listed without credentials, so they exist but cannot log in.
 */
export function sshLabPreparation(plan: Plan): { users: Array<{ name: string }>; hosts: Array<{ name: string; addresses: string[] }> } | null {
  const vms = plan.vms.filter((vm) => scriptsOf(plan, vm).length > 0);
  const users = [...new Set(vms.flatMap((vm) => (vm.user ? [vm.user] : [])))].map((name) => ({ name }));
  if (vms.length === 0 || users.length === 0) return null;
  return { users, hosts: vms.map((vm) => ({ name: vm.name, addresses: vm.ip ? [bareIp(vm.ip)] : [] })) };
}

/**
 * A rehearsal: every VM's SSH and every jump host point at the lab's SSH
 * simulator, with its throwaway login and host key. VMs carry no SSH port in
 * the plan, so the redirect rides in the plan's extensions, where
 * `vmSshChain` reads it.
 */
export function pointSshAtLab(plan: Plan, lab: LabSshTarget): void {
  const url = new URL(lab.url);
  const redirect: LabSshRedirect = { host: url.hostname, port: Number(url.port) || defaultSshPort, fingerprint: lab.fingerprint };
  plan.extensions[labSshKey] = redirect;
  const password = new Secret(lab.password);
  for (const vm of plan.vms) Object.assign(vm, { user: lab.username, password, sshKeyPath: null } satisfies Partial<Vm>);
  for (const jump of plan.jumpHosts) {
    Object.assign(jump, {
      address: redirect.host,
      port: redirect.port,
      user: lab.username,
      password,
      keyPath: null,
      keyPassphrase: null,
      hostKey: lab.fingerprint,
    } satisfies Partial<JumpHost>);
  }
}

function labRedirectOf(plan: Plan): LabSshRedirect | null {
  return (plan.extensions[labSshKey] as LabSshRedirect | undefined) ?? null;
}

/** `10.0.0.5/24` → `10.0.0.5`; the plan's IP column may carry the prefix length. */
function bareIp(ip: string): string {
  return ip.split('/')[0]!.trim();
}

function keyFile(path: string, workbookDir: string, what: TextRef): string {
  const full = isAbsolute(path) ? path : resolve(workbookDir, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    return fail('plan_invalid', text('ssh.target.keyUnreadable', { what, path, message: (error as Error).message }), { hint: text('ssh.hint.keyPath') });
  }
}

function withSecret(auth: SshAuth, field: 'password' | 'passphrase', secret: Secret | null): SshAuth {
  return secret && !secret.isEmpty ? { ...auth, [field]: secret } : auth;
}

function jumpHop(jump: JumpHost, workbookDir: string): SshHop {
  let auth: SshAuth = withSecret({}, 'password', jump.password);
  if (jump.keyPath) auth = withSecret({ ...auth, privateKey: keyFile(jump.keyPath, workbookDir, text('ssh.target.jumpHost', { name: jump.name })) }, 'passphrase', jump.keyPassphrase);
  return { name: jump.name, host: jump.address, port: jump.port, username: jump.user, auth, ...(jump.hostKey ? { expectedHostKeys: [jump.hostKey] } : {}) };
}

/** The jump hosts to `name`, outermost first, following each one's Via. */
export function jumpChainOf(plan: Plan, name: string | null, workbookDir: string): SshHop[] {
  const hops: SshHop[] = [];
  const seen = new Set<string>();
  for (let next = name; next; ) {
    const key = next.toLowerCase();
    const jump = plan.jumpHosts.find((candidate) => candidate.name.toLowerCase() === key);
    if (!jump) return fail('plan_invalid', text('ssh.target.noJump', { name: next }), { hint: text('ssh.hint.noJump') });
    if (seen.has(key)) return fail('plan_invalid', text('ssh.target.loop', { name: jump.name }), cellOf(jump));
    seen.add(key);
    hops.unshift(jumpHop(jump, workbookDir));
    next = jump.via;
  }
  return hops;
}

function cellOf(jump: JumpHost): { cell?: { sheet: string; cell: string } } {
  const cell = whereOf(jump, 'via');
  return cell ? { cell } : {};
}

/** The jump host a VM is reached through: its own Jump host column, else its endpoint's. */
export function jumpHostOf(plan: Plan, vm: Vm): string | null {
  if (vm.jumpHost) return vm.jumpHost;
  return plan.endpoints.find((endpoint) => endpoint.name === vm.endpoint)?.jumpHost ?? null;
}

/** Bastions first, the VM last. `address` is where the VM answers (its planned IP, or the one its guest reported). */
export function vmSshChain(plan: Plan, vm: Vm, address: string, workbookDir: string, port = defaultSshPort): SshChain {
  if (!vm.user) fail('plan_invalid', text('ssh.target.noUser', { vm: vm.name }), { hint: text('ssh.hint.noUser'), ...cellRef(vm) });
  const redirect = labRedirectOf(plan);
  let auth: SshAuth = withSecret({}, 'password', vm.password);
  if (vm.sshKeyPath) auth = { ...auth, privateKey: keyFile(vm.sshKeyPath, workbookDir, text('ssh.target.vm', { name: vm.name })) };
  const jumps = jumpChainOf(plan, jumpHostOf(plan, vm), workbookDir);
  // The lab's one SSH server plays every VM: reached directly, the login `user@vm` names the VM;
  // through a (rewritten) jump host, the tunnel's target address does (electron/lab/ssh/README.md).
  const target: SshHop = !redirect
    ? { name: vm.name, host: bareIp(address), port, username: vm.user, auth }
    : jumps.length === 0
      ? { name: vm.name, host: redirect.host, port: redirect.port, username: `${vm.user}@${vm.name}`, auth, expectedHostKeys: [redirect.fingerprint] }
      : { name: vm.name, host: bareIp(address), port, username: vm.user, auth, expectedHostKeys: [redirect.fingerprint] };
  return [...jumps, target];
}

function cellRef(vm: Vm): { cell?: { sheet: string; cell: string } } {
  const cell = whereOf(vm, 'user');
  return cell ? { cell } : {};
}

/** The planned address of a VM, or null when it takes one by DHCP. */
export function plannedAddress(vm: Vm): string | null {
  return vm.ip ? bareIp(vm.ip) : null;
}
