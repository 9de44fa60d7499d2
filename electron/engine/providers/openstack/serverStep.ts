import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fail } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import type { StepContext, StepKind } from '../../runner/types';
import { pause, sessionFor, type OpenStackDeps } from './connect';
import { isQuotaMessage, quotaHint } from './errors';
import { findFlavor } from './flavorStep';
import { findImages } from './glance';
import { createNeutron, deleteNeutron, findNamed } from './neutron';
import { findNetwork } from './networkStep';
import { createServer, deleteServer, findServers, getServer, listZones, type Server } from './nova';
import { zoneFor } from './placement';
import type { OpenStackSession } from './session';
import { osKinds, type OsFlavorInput, type OsServerInput } from './steps';

/*
 *   ports (fixed IPs, security groups) ──> POST /servers ──> BUILD ──poll──> ACTIVE
 *                                                              └──> ERROR: fails with Nova's fault message
 * Ports and the server id are recorded as soon as they exist; a retry
 * deletes a server left in ERROR and makes it again, keeping its ports.
 */

export interface ServerArtifact {
  serverId: string | null;
  /**
   * Set just before POST /servers: a request cut off by a cancel or a crash may still have made the
   * server, with no id ever read back. Undo then finds it by name and this run's metadata tag.
   */
  requested?: boolean;
  ports: Array<{ network: string; portId: string }>;
  zone: string | null;
}
export const serverArtifactKey = 'server';
/** Nova metadata naming the run that made a server: what lets undo find one whose id the run never read. */
export const runTag = 'rackpilot-run';
export const portName = (server: string, network: string): string => `${server}-${network}`;

async function userDataOf(deps: OpenStackDeps, input: OsServerInput): Promise<string | undefined> {
  if (!input.userData) return undefined;
  const path = isAbsolute(input.userData) ? input.userData : resolve(deps.workbookDir, input.userData);
  const file = input.userData;
  const bytes = await readFile(path).catch((error: Error) => fail('plan_invalid', text('openstack.server.userDataUnreadable', { name: input.name, file, error: error.message }), { retryable: false, ...(input.cells.row ? { cell: input.cells.row } : {}) }));
  return bytes.toString('base64');
}

async function ensurePorts(session: OpenStackSession, ctx: StepContext<OsServerInput>, artifact: ServerArtifact): Promise<void> {
  const input = ctx.step.input;
  const groups: string[] = [];
  for (const name of input.securityGroups) {
    const group = await findNamed(session, 'security-groups', name, {}, ctx.signal);
    groups.push(group?.id ?? fail('conflict', text('openstack.secgroup.notYet', { name, endpoint: input.endpoint }), { hint: text('openstack.notYetHint') }));
  }
  // One port after another, in the plan's order (the NICs' order): making a server's ports at once was
  // measured slower on the lab's Neutron, with four servers' steps already side by side.
  for (const port of input.ports) {
    if (artifact.ports.some((made) => made.network === port.network)) continue;
    const name = portName(input.name, port.network);
    const net = await findNetwork(session, { name: port.network, existing: false, endpoint: input.endpoint }, ctx.signal);
    if (!net) fail('conflict', text('openstack.network.notYet', { name: port.network, endpoint: input.endpoint }), { hint: text('openstack.notYetHint') });
    const existing = await findNamed(session, 'ports', name, { network_id: net.network.id }, ctx.signal);
    const fixed = port.ip ? [{ ...(net.subnet ? { subnet_id: net.subnet.id } : {}), ip_address: port.ip }] : undefined;
    const made =
      existing ??
      (await createNeutron(session, 'ports', { name, network_id: net.network.id, ...(fixed ? { fixed_ips: fixed } : {}), ...(groups.length ? { security_groups: groups } : {}) }, ctx.signal));
    artifact.ports.push({ network: port.network, portId: made.id });
    ctx.artifacts.set(serverArtifactKey, artifact);
  }
}

async function waitForServer(session: OpenStackSession, input: OsServerInput, id: string, pollMs: number, signal: AbortSignal): Promise<Server> {
  for (;;) {
    const server = await getServer(session, id, signal);
    if (!server) fail('step_failed', text('openstack.server.disappeared', { name: input.name, id, endpoint: input.endpoint }));
    if (server.status === 'ACTIVE') return server;
    if (server.status === 'ERROR') {
      // Nova's fault message stays as Nova said it.
      const fault = server.fault?.message ?? null;
      fail('step_failed', text('openstack.server.error', { name: input.name, endpoint: input.endpoint, fault: fault ?? text('openstack.server.noFault') }), {
        // Nova checks the quota again when it builds: servers started together may pass the first check and fail here.
        hint: isQuotaMessage(fault) ? quotaHint(input.endpoint) : fault && /no valid host/i.test(fault) ? text('openstack.server.noHostHint') : text('openstack.server.errorHint'),
        retryable: false,
        ...(server.fault?.details ? { detail: server.fault.details.slice(0, 2000) } : {}),
      });
    }
    await pause(pollMs, signal);
  }
}

export function serverStepKind(deps: OpenStackDeps, flavorInput: (endpoint: string, name: string) => OsFlavorInput): StepKind<OsServerInput> {
  const pollMs = deps.pollMs ?? 2000;
  return {
    kind: osKinds.server,
    policy: { retry: { maxAttempts: 2, baseDelayMs: 5000, maxDelayMs: 30_000, jitter: 0.3 }, timeoutMs: 30 * 60_000 },
    check: async (ctx) => (await findServers(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input.name, ctx.signal)).some((server) => server.status === 'ACTIVE'),
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      const artifact: ServerArtifact = ctx.artifacts.get<ServerArtifact>(serverArtifactKey) ?? { serverId: null, ports: [], zone: null };
      for (const server of await findServers(session, input.name, ctx.signal)) {
        if (server.status === 'ERROR') {
          ctx.log('warn', text('openstack.log.serverReplacing', { name: input.name, id: server.id }));
          await deleteServer(session, server.id, ctx.signal);
          await waitGone(session, server.id, pollMs, ctx.signal);
        } else {
          artifact.serverId = server.id;
        }
      }
      if (!artifact.serverId || !(await getServer(session, artifact.serverId, ctx.signal))) {
        const flavor = await findFlavor(session, flavorInput(input.endpoint, input.flavorName), ctx.signal);
        if (!flavor) fail('conflict', text('openstack.flavor.notYet', { name: input.flavorName, endpoint: input.endpoint }), { hint: text('openstack.notYetHint') });
        const image = input.image ? (await findImages(session, imageNameOf(ctx), ctx.signal)).find((entry) => entry.status === 'active') : undefined;
        if (input.image && !image) fail('plan_invalid', text('openstack.server.noImage', { endpoint: input.endpoint, image: input.image, name: input.name }), { retryable: false, ...(input.cells.image ? { cell: input.cells.image } : {}) });
        const { zone, why } = zoneFor(input, await listZones(session, ctx.signal));
        await ensurePorts(session, ctx, artifact);
        const userData = await userDataOf(deps, input);
        const creating = { name: input.name, flavor: flavor.name, why, ports: artifact.ports.length };
        ctx.log('info', zone ? text('openstack.log.serverCreating', { ...creating, zone }) : text('openstack.log.serverCreatingNoZone', creating));
        artifact.zone = zone;
        artifact.requested = true;
        ctx.artifacts.set(serverArtifactKey, artifact);
        artifact.serverId = await createServer(session, {
          name: input.name,
          flavorRef: flavor.id,
          imageRef: image?.id ?? '',
          ...(zone ? { availability_zone: zone } : {}),
          networks: artifact.ports.map((port) => ({ port: port.portId })),
          ...(input.keyPair ? { key_name: input.keyPair } : {}),
          ...(userData ? { user_data: userData } : {}),
          metadata: { 'rackpilot-slice': input.slice ?? '', [runTag]: ctx.runId },
        }, ctx.signal);
        ctx.artifacts.set(serverArtifactKey, artifact);
      }
      const active = await waitForServer(session, input, artifact.serverId, pollMs, ctx.signal);
      const addresses = Object.values(active.addresses ?? {}).flat().map((entry) => entry.addr);
      ctx.log('info', activeLine(input.name, active.id, active['OS-EXT-AZ:availability_zone'] ?? null, addresses));
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<ServerArtifact>(serverArtifactKey);
      if (!made) return;
      const session = sessionFor(deps, ctx, ctx.step.input.endpoint);
      const unread = made.serverId || !made.requested ? [] : (await findServers(session, ctx.step.input.name, ctx.signal)).filter((server) => server.metadata?.[runTag] === ctx.runId);
      for (const id of [...(made.serverId ? [made.serverId] : []), ...unread.map((server) => server.id)]) {
        await deleteServer(session, id, ctx.signal);
        await waitGone(session, id, pollMs, ctx.signal);
      }
      for (const port of made.ports) await deleteNeutron(session, 'ports', port.portId, ctx.signal);
      ctx.log('info', text('openstack.log.serverDeleted', { name: ctx.step.input.name, ports: made.ports.length }));
    },
  };
}

/** The Glance name the image step uploads under (its id carries it after the endpoint). */
function imageNameOf(ctx: StepContext<OsServerInput>): string {
  const dep = ctx.step.deps.find((id) => id.startsWith(`image.upload:${ctx.step.input.endpoint}/`));
  return dep ? dep.slice(`image.upload:${ctx.step.input.endpoint}/`.length) : ctx.step.input.image!;
}

const deletePolls = 300;

/** `Server web-01 is ACTIVE (id) in az-1, 10.0.0.5.`: the zone Nova names, or none. */
function activeLine(name: string, id: string, zone: string | null, addresses: string[]): TextRef {
  const known = { name, id };
  if (zone) return addresses.length ? text('openstack.log.serverActiveAddresses', { ...known, zone, addresses: addresses.join(', ') }) : text('openstack.log.serverActive', { ...known, zone });
  return addresses.length ? text('openstack.log.serverActiveNoZoneAddresses', { ...known, addresses: addresses.join(', ') }) : text('openstack.log.serverActiveNoZone', known);
}

async function waitGone(session: OpenStackSession, id: string, pollMs: number, signal: AbortSignal): Promise<void> {
  for (let polls = 0; polls < deletePolls; polls++) {
    if (!(await getServer(session, id, signal))) return;
    await pause(pollMs, signal);
  }
  fail('timeout', text('openstack.server.stillThere', { id, endpoint: session.endpoint.name, polls: deletePolls }));
}
