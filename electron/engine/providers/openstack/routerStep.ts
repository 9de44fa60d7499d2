import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { StepKind } from '../../runner/types';
import { sessionFor, type OpenStackDeps } from './connect';
import { addRouterInterface, createNeutron, deleteNeutron, findNamed, listNeutron, removeRouterInterface } from './neutron';
import { findNetwork } from './networkStep';
import type { OpenStackSession } from './session';
import { osKinds, type OsRouterInput } from './steps';

export interface RouterArtifact {
  routerId: string;
  subnetId: string | null;
  created: boolean;
}
export const routerArtifactKey = 'router';

async function subnetOf(session: OpenStackSession, input: OsRouterInput, signal: AbortSignal): Promise<string> {
  const found = await findNetwork(session, { name: input.network, existing: false, endpoint: input.endpoint }, signal);
  return found?.subnet?.id ?? fail('conflict', text('openstack.router.noSubnet', { network: input.network, endpoint: input.endpoint, name: input.name }), { hint: text('openstack.router.noSubnetHint') });
}

async function hasInterface(session: OpenStackSession, routerId: string, subnetId: string, signal: AbortSignal): Promise<boolean> {
  const ports = await listNeutron(session, 'ports', { device_id: routerId }, signal);
  return ports.some((port) => ((port.fixed_ips as Array<{ subnet_id: string }> | undefined) ?? []).some((ip) => ip.subnet_id === subnetId));
}

/** A slice's router: on its management subnet, with the external network as gateway when the plan names one. */
export function routerStepKind(deps: OpenStackDeps): StepKind<OsRouterInput> {
  return {
    kind: osKinds.router,
    policy: { retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 20_000, jitter: 0.2 }, timeoutMs: 5 * 60_000 },
    async check(ctx) {
      const session = sessionFor(deps, ctx, ctx.step.input.endpoint);
      const router = await findNamed(session, 'routers', ctx.step.input.name, {}, ctx.signal);
      return router !== null && (await hasInterface(session, router.id, await subnetOf(session, ctx.step.input, ctx.signal), ctx.signal));
    },
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      let router = await findNamed(session, 'routers', input.name, {}, ctx.signal);
      const created = ctx.artifacts.get<RouterArtifact>(routerArtifactKey)?.created === true || router === null;
      if (!router) {
        const fields: Record<string, unknown> = { name: input.name, admin_state_up: true };
        if (input.externalNetwork) {
          const external = (await listNeutron(session, 'networks', { name: input.externalNetwork }, ctx.signal))[0];
          if (!external) fail('plan_invalid', text('openstack.router.noExternal', { endpoint: input.endpoint, network: input.externalNetwork, name: input.name }), { retryable: false });
          fields.external_gateway_info = { network_id: external.id };
        }
        router = await createNeutron(session, 'routers', fields, ctx.signal);
      }
      ctx.artifacts.set(routerArtifactKey, { routerId: router.id, subnetId: null, created } satisfies RouterArtifact);
      const subnetId = await subnetOf(session, input, ctx.signal);
      if (!(await hasInterface(session, router.id, subnetId, ctx.signal))) await addRouterInterface(session, router.id, subnetId, ctx.signal);
      ctx.artifacts.set(routerArtifactKey, { routerId: router.id, subnetId, created } satisfies RouterArtifact);
      const served = { name: input.name, id: router.id, network: input.network };
      ctx.log('info', input.externalNetwork ? text('openstack.log.routerServesGateway', { ...served, gateway: input.externalNetwork }) : text('openstack.log.routerServes', served));
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<RouterArtifact>(routerArtifactKey);
      if (!made) return;
      const session = sessionFor(deps, ctx, ctx.step.input.endpoint);
      if (made.subnetId) await removeRouterInterface(session, made.routerId, made.subnetId, ctx.signal);
      if (made.created) await deleteNeutron(session, 'routers', made.routerId, ctx.signal);
      ctx.log('info', text(made.created ? 'openstack.log.routerDeleted' : 'openstack.log.routerDetached', { name: ctx.step.input.name }));
    },
  };
}
