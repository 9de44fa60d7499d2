// One round of each side of scripts/bench/openstackDeploy.ts: ours (the
// rackpilot CLI) and the peer (the openstack CLI inside the lab).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { distributeZones } from '../../shared/plan/openstack/zones';
import { importPlan } from '../../electron/engine/plan/importPlan';
import { buildOpenStackSteps, osKinds, type OsFlavorInput, type OsNetworkInput, type OsServerInput } from '../../electron/engine/providers/openstack/steps';
import { openStackLabState, type OpenStackLab } from '../../electron/engine/testing/openstackLab';
import { rackpilot, type LabSample } from '../../electron/host/cli/openstackLabSample';
import { projectRoot } from '../../electron/host/cli/paths';

const run = promisify(execFile);
type Row = Record<string, unknown>;
const since = (started: number): number => (performance.now() - started) / 1000;

export type PeerMode = 'parallel' | 'serial';

/** What the peer creates, taken from the sample's own plan so both sides build the same servers. */
export interface PeerSpec {
  servers: Array<{ name: string; zone: string }>;
  flavor: { vcpu: number; memoryMiB: number; diskGiB: number };
  network: { cidr: string; gateway: string | null; dns: string[] };
}

/** The peer's objects: their own names, so neither side ever finds (and reuses) the other's. */
const peerNames = { flavor: 'bench-peer.small', image: 'bench-peer-cirros', network: 'bench-peer-mgmt', subnet: 'bench-peer-mgmt-subnet' };

export async function peerSpecFor(lab: OpenStackLab): Promise<PeerSpec> {
  const sample = join(projectRoot, 'assets/sample-plan/sample-openstack.en.xlsx');
  const { plan } = await importPlan(sample, { lang: 'en' });
  if (!plan) throw new Error(`${sample} did not import as a plan`);
  const steps = buildOpenStackSteps(plan);
  const servers = steps.filter((step) => step.kind === osKinds.server).map((step) => step.input as OsServerInput);
  const flavor = steps.find((step) => step.kind === osKinds.flavor)?.input as OsFlavorInput | undefined;
  if (servers.length === 0 || !flavor || flavor.vcpu === null || flavor.memoryMiB === null) throw new Error(`${sample}: expected servers and a sized flavor in its plan`);
  // Every server's first port is on the slice's management network: the peer's one network.
  const network = steps.find((step) => step.kind === osKinds.network && (step.input as OsNetworkInput).name === servers[0]!.ports[0]?.network)?.input as OsNetworkInput | undefined;
  if (!network?.cidr) throw new Error(`${sample}: the first server's first network is not a planned network with a CIDR`);
  const zones = lab.zones.map((entry) => entry.zone);
  return {
    servers: servers.map((server, index) => {
      const zone = distributeZones({ nodes: server.sliceNodes, zones, ha: server.ha }).find((entry) => entry.node === server.name)?.zone;
      if (!zone) throw new Error(`no zone of the lab (${zones.join(', ')}) for ${server.name}`);
      return { name: `bench-peer-${index + 1}`, zone };
    }),
    flavor: { vcpu: flavor.vcpu, memoryMiB: flavor.memoryMiB, diskGiB: flavor.diskGiB ?? 0 },
    network: { cidr: network.cidr, gateway: network.gateway, dns: network.dns },
  };
}

const redact = (text: string, secrets: string[]): string => secrets.reduce((out, secret) => out.split(secret).join('***'), text);

function runIdOf(stdout: string): string | undefined {
  try {
    return (JSON.parse(stdout.split('\n')[0]!) as { runId?: string }).runId;
  } catch {
    return undefined;
  }
}

/** `rackpilot deploy` of the pointed sample, then `rollback` of its run (also after a failed deploy, so the lab is left clean). */
export async function oursRound(sample: LabSample): Promise<{ deploy: number; rollback: number }> {
  const deploy = await rackpilot(['deploy', sample.workbook, '--json'], sample.env);
  const runId = runIdOf(deploy.stdout);
  if (!runId) throw new Error(`rackpilot deploy started no run (exit ${deploy.code}):\n${redact(deploy.stderr.slice(-2000), sample.secrets)}`);
  const rollback = await rackpilot(['rollback', runId, '--yes', '--force', '--json'], sample.env);
  if (deploy.code !== 0) {
    const failed = deploy.stdout.split('\n').filter((line) => line.includes('"state":"failed"')).join('\n');
    throw new Error(`rackpilot deploy exited ${deploy.code} (rollback exited ${rollback.code}):\n${redact(failed || deploy.stderr.slice(-2000), sample.secrets)}`);
  }
  if (rollback.code !== 0) throw new Error(`rackpilot rollback ${runId} exited ${rollback.code}:\n${redact((rollback.stdout + rollback.stderr).slice(-2000), sample.secrets)}`);
  const output = deploy.stdout + deploy.stderr + rollback.stdout + rollback.stderr;
  if (sample.secrets.some((secret) => output.includes(secret))) throw new Error('rackpilot printed a password of the workbook');
  return { deploy: deploy.seconds, rollback: rollback.seconds };
}

/** One `openstack` command inside the lab whose output is not needed (deletes print nothing, and refuse `-f json`). */
async function openstackQuiet(lab: OpenStackLab, args: string[]): Promise<void> {
  const script = `. ${openStackLabState}/adminrc && exec openstack "$@"`;
  await run('ip', ['netns', 'exec', lab.netns, 'bash', '-c', script, 'openstack', ...args], { env: { ...process.env, OSLAB_STATE: openStackLabState }, timeout: 300_000 });
}

/**
 * The same servers with the openstack CLI: setup (flavor, image; not counted),
 * create (network, subnet, the servers with --wait), delete (servers with
 * --wait, network), teardown (flavor, image; not counted, and whatever a
 * failure left).
 */
export async function peerRound(lab: OpenStackLab, diskFile: string, spec: PeerSpec, mode: PeerMode): Promise<{ setup: number; create: number; delete: number }> {
  let started = performance.now();
  await lab.openstackMany([
    ['flavor', 'create', '--vcpus', String(spec.flavor.vcpu), '--ram', String(spec.flavor.memoryMiB), '--disk', String(spec.flavor.diskGiB), peerNames.flavor],
    ['image', 'create', '--disk-format', 'raw', '--container-format', 'bare', '--file', diskFile, peerNames.image],
  ]);
  const setup = since(started);
  let serversLeft = true;
  let networkLeft = true;
  try {
    started = performance.now();
    const { cidr, gateway, dns } = spec.network;
    await lab.openstackMany([
      ['network', 'create', peerNames.network],
      ['subnet', 'create', '--network', peerNames.network, '--subnet-range', cidr, '--gateway', gateway ?? 'none', ...dns.flatMap((server) => ['--dns-nameserver', server]), peerNames.subnet],
    ]);
    const commands = spec.servers.map((server) => ['server', 'create', '--flavor', peerNames.flavor, '--image', peerNames.image, '--network', peerNames.network, '--availability-zone', server.zone, '--wait', server.name]);
    const created = (mode === 'parallel' ? await Promise.all(commands.map((command) => lab.openstack(command))) : await lab.openstackMany(commands)) as Row[];
    const create = since(started);
    spec.servers.forEach((server, index) => {
      const row = created[index] ?? {};
      // Zed's client prints the extension's name; later ones print `availability_zone`.
      const zone = row['OS-EXT-AZ:availability_zone'] ?? row.availability_zone;
      if (row.status !== 'ACTIVE' || zone !== server.zone) {
        throw new Error(`openstack server create ${server.name}: ${String(row.status)} in ${String(zone)}, expected ACTIVE in ${server.zone}`);
      }
    });

    started = performance.now();
    const names = spec.servers.map((server) => server.name);
    if (mode === 'parallel') await Promise.all(names.map((name) => openstackQuiet(lab, ['server', 'delete', '--wait', name])));
    else await openstackQuiet(lab, ['server', 'delete', '--wait', ...names]);
    serversLeft = false;
    await openstackQuiet(lab, ['network', 'delete', peerNames.network]);
    networkLeft = false;
    return { setup, create, delete: since(started) };
  } finally {
    await peerTeardown(lab, serversLeft, networkLeft);
  }
}

/** Removes what the peer made; a failure here is reported, not thrown, so the round's own error is the one that shows (the final inventory names any leftover). */
async function peerTeardown(lab: OpenStackLab, serversLeft: boolean, networkLeft: boolean): Promise<void> {
  const steps: Array<[string, () => Promise<void>]> = [
    ['servers', async () => {
      if (!serversLeft) return;
      const left = (await lab.openstack(['server', 'list', '--name', '^bench-peer-'])) as Row[];
      if (left.length > 0) await openstackQuiet(lab, ['server', 'delete', '--wait', ...left.map((row) => String(row.ID))]);
    }],
    ['network', async () => {
      if (networkLeft && ((await lab.openstack(['network', 'list', '--name', peerNames.network])) as Row[]).length > 0) await openstackQuiet(lab, ['network', 'delete', peerNames.network]);
    }],
    ['image', () => openstackQuiet(lab, ['image', 'delete', peerNames.image])],
    ['flavor', () => openstackQuiet(lab, ['flavor', 'delete', peerNames.flavor])],
  ];
  for (const [what, remove] of steps) {
    await remove().catch((error: unknown) => console.error(`peer teardown: removing its ${what} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
