import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { StepKind } from '../../runner/types';
import { sessionFor, type OpenStackDeps } from './connect';
import { isStatus } from './errors';
import { createNeutron, deleteNeutron, findNamed, listNeutron } from './neutron';
import { createKeypair, deleteKeypair, findKeypair } from './nova';
import { osKinds, type OsKeypairInput, type OsRuleInput, type OsSecgroupInput } from './steps';

const retry = { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 20_000, jitter: 0.2 };
export const createdKey = 'created';

async function publicKeyOf(deps: OpenStackDeps, input: OsKeypairInput): Promise<string> {
  if (input.publicKey) return input.publicKey.trim();
  if (!input.publicKeyFile) fail('plan_invalid', text('openstack.keypair.noKey', { name: input.name }), { retryable: false, ...(input.cell ? { cell: input.cell } : {}) });
  const path = isAbsolute(input.publicKeyFile) ? input.publicKeyFile : resolve(deps.workbookDir, input.publicKeyFile);
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    return fail('plan_invalid', text('openstack.keypair.unreadable', { name: input.name, file: input.publicKeyFile, error: (error as Error).message }), { hint: text('openstack.keypair.unreadableHint'), retryable: false, ...(input.cell ? { cell: input.cell } : {}) });
  }
}

/** A key pair is the user's (Nova keeps one per user): an existing one with the name is used as it is. */
export function keypairStepKind(deps: OpenStackDeps): StepKind<OsKeypairInput> {
  return {
    kind: osKinds.keypair,
    policy: { retry, timeoutMs: 2 * 60_000 },
    check: async (ctx) => (await findKeypair(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input.name, ctx.signal)) !== null,
    async run(ctx) {
      const session = sessionFor(deps, ctx, ctx.step.input.endpoint);
      if (await findKeypair(session, ctx.step.input.name, ctx.signal)) return;
      const key = await publicKeyOf(deps, ctx.step.input);
      ctx.artifacts.set(createdKey, { keyPair: ctx.step.input.name, created: true });
      await createKeypair(session, ctx.step.input.name, key, ctx.signal);
      ctx.log('info', text('openstack.log.keypairImported', { name: ctx.step.input.name }));
    },
    async undo(ctx) {
      if (!ctx.artifacts.get<{ created: boolean }>(createdKey)?.created) return;
      await deleteKeypair(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input.name, ctx.signal);
    },
  };
}

/** `22` → [22, 22]; `8000-8080` → [8000, 8080]; null → every port. */
function portRange(ports: string | null): [number, number] | null {
  if (!ports) return null;
  const [low, high] = ports.split('-').map((part) => Number(part.trim()));
  return [low!, high ?? low!];
}

function ruleFields(groupId: string, rule: OsRuleInput, remoteGroupId: string | null): Record<string, unknown> {
  const range = rule.protocol === 'tcp' || rule.protocol === 'udp' ? portRange(rule.ports) : null;
  return {
    security_group_id: groupId,
    direction: rule.direction,
    ethertype: 'IPv4',
    ...(rule.protocol === 'any' ? {} : { protocol: rule.protocol }),
    ...(range ? { port_range_min: range[0], port_range_max: range[1] } : {}),
    ...(remoteGroupId ? { remote_group_id: remoteGroupId } : rule.remoteCidr ? { remote_ip_prefix: rule.remoteCidr } : {}),
  };
}

export function secgroupStepKind(deps: OpenStackDeps): StepKind<OsSecgroupInput> {
  return {
    kind: osKinds.secgroup,
    policy: { retry, timeoutMs: 2 * 60_000 },
    check: async (ctx) => (await findNamed(sessionFor(deps, ctx, ctx.step.input.endpoint), 'security-groups', ctx.step.input.name, {}, ctx.signal)) !== null && ctx.step.input.rules.length === 0,
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      let group = await findNamed(session, 'security-groups', input.name, {}, ctx.signal);
      const created = ctx.artifacts.get<{ created: boolean }>(createdKey)?.created === true || group === null;
      group ??= await createNeutron(session, 'security-groups', { name: input.name, description: input.description ?? 'Rackpilot' }, ctx.signal);
      ctx.artifacts.set(createdKey, { securityGroupId: group.id, created });
      for (const rule of input.rules) {
        const remote = rule.remoteGroup ? ((await findNamed(session, 'security-groups', rule.remoteGroup, {}, ctx.signal))?.id ?? (rule.remoteGroup === input.name ? group.id : null)) : null;
        try {
          await createNeutron(session, 'security-group-rules', ruleFields(group.id, rule, remote), ctx.signal);
        } catch (error) {
          // SecurityGroupRuleExists: a re-run, or a default rule that already allows it.
          if (!isStatus(error, 409)) throw error;
        }
      }
      const rules = await listNeutron(session, 'security-group-rules', { security_group_id: group.id }, ctx.signal);
      ctx.log('info', text('openstack.log.secgroupRules', { name: input.name, id: group.id, count: rules.length }));
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<{ securityGroupId: string; created: boolean }>(createdKey);
      if (!made?.created) return;
      await deleteNeutron(sessionFor(deps, ctx, ctx.step.input.endpoint), 'security-groups', made.securityGroupId, ctx.signal);
    },
  };
}
