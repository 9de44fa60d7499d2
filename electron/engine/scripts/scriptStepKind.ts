import { text } from '../../../shared/i18n/engineText';
import { AppFailure, appError, fail } from '../../../shared/errors';
import type { Plan, Vm } from '../../../shared/plan/model';
import type { StepContext, StepKind } from '../runner/types';
import { SshSessions, type HostKeyRequest, type HostKeyStore } from '../ssh';
import type { Redactor } from '../util/redactor';
import { runScript, scriptFailure, tailLines } from './scriptRun';
import { scriptKind, type ScriptStepInput } from './scriptSteps';
import { defaultSshPort, plannedAddress, vmSshChain } from './sshTargets';

export interface ScriptRunDeps {
  plan: Plan;
  workbookDir: string;
  /** Host key pins (the run store). */
  hostKeys: HostKeyStore;
  redactor: Redactor;
  /** The port the VMs answer SSH on. Default 22. */
  sshPort?: number;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Host keys during a run: jump hosts are trusted beforehand (pinned on the
 * Connect screen, or in the workbook), so an unknown one stops the step.
 * A VM this run has just created has a key nobody could have seen before:
 * it is accepted for this run only and never pinned (a redeployed VM gets a
 * new key), while a pinned key that changed is still refused.
 */
function runHostKeyPrompt(vmTargets: ReadonlySet<string>) {
  return async (request: HostKeyRequest) => {
    if (vmTargets.has(`${request.host.toLowerCase()}:${request.port}`)) return 'trust-once' as const;
    throw new AppFailure(
      appError('tls_untrusted', text('ssh.hostKey.untrusted', { where: `${request.host}:${request.port}`, key: `${request.keyType} ${request.fingerprint}` }), {
        hint: text('ssh.hint.trustJump'),
        retryable: false,
      }),
    );
  };
}

function vmNamed(plan: Plan, name: string): Vm {
  return plan.vms.find((vm) => same(vm.name, name)) ?? fail('plan_invalid', text('ssh.run.noVm', { name }), { hint: text('ssh.hint.runAgain') });
}

function addressOf(vm: Vm): string {
  return (
    plannedAddress(vm) ??
    fail('plan_invalid', text('ssh.run.noIp', { vm: vm.name }), {
      hint: text('ssh.hint.noIp'),
    })
  );
}

/**
 * Runs a plan's script on a VM over SSH. `check()` is always false: a script
 * is the user's, Rackpilot cannot tell whether it has had its effect, so a
 * retry or resume runs it again (the Review screen asks for idempotent scripts).
 */
export function scriptStepKind(deps: ScriptRunDeps): StepKind<ScriptStepInput> {
  const port = deps.sshPort ?? defaultSshPort;
  const vmTargets = new Set(
    deps.plan.vms.flatMap((vm) => {
      const address = plannedAddress(vm);
      return address ? [`${address.toLowerCase()}:${port}`] : [];
    }),
  );
  const sshOf = (ctx: StepContext<ScriptStepInput>): SshSessions =>
    ctx.sessions.get('ssh', () => {
      const sessions = new SshSessions({ store: deps.hostKeys, prompt: runHostKeyPrompt(vmTargets), redactor: deps.redactor });
      return { value: sessions, close: () => sessions.close() };
    });
  return {
    kind: scriptKind,
    // Each script's own Timeout bounds its command; this bounds the whole step (upload included).
    policy: { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 }, timeoutMs: 24 * 60 * 60 * 1000 },
    check: async () => false,
    async run(ctx) {
      const vm = vmNamed(deps.plan, ctx.step.input.vm);
      const script = deps.plan.scripts.find((candidate) => same(candidate.name, ctx.step.input.script)) ?? fail('plan_invalid', text('ssh.run.noScript', { name: ctx.step.input.script }));
      const chain = vmSshChain(deps.plan, vm, addressOf(vm), deps.workbookDir, port);
      const session = sshOf(ctx).get(chain);
      ctx.log('info', text(script.sudo ? 'log.script.startSudo' : 'log.script.start', { script: script.name, host: session.label, seconds: script.timeoutSec }));
      const tail: string[] = [];
      const result = await runScript({
        session,
        script,
        workbookDir: deps.workbookDir,
        sudoPassword: vm.password,
        signal: ctx.signal,
        redactor: deps.redactor,
        onLine: (source, line) => {
          tail.push(line);
          if (tail.length > tailLines) tail.shift();
          ctx.log(source === 'stderr' ? 'warn' : 'info', line);
        },
        onNote: (words) => ctx.log('info', words),
      });
      if (result.exitCode !== 0) throw scriptFailure(script.name, vm.name, result, tail);
      ctx.log('info', text('log.script.done', { script: script.name, vm: vm.name }));
    },
  };
}
