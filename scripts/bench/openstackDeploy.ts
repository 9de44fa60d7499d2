// Our `rackpilot deploy` and `rollback` of the OpenStack sample next to the
// `openstack` CLI creating and deleting the same four servers, on the real
// OpenStack lab (scripts/openstack-lab), in one run, in alternating rounds.
// The lab is shared with test runs: this takes their hold first, starts the
// lab only then (ensure.sh) if it is down, and stops it at the end only if it
// started it.
// Run (root, lab installed): npm run bench:openstack -- [--rounds 2] [--peer parallel|serial]
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inventory, inventoryWithoutSample, isSampleObject, prepareLabSample } from '../../electron/host/cli/openstackLabSample';
import { ensureLab, holdLab, openStackLabScripts, openStackLabSkipReason, openStackLabState, releaseOpenStackLab, type OpenStackLab } from '../../electron/engine/testing/openstackLab';
import { oursRound, peerRound, peerSpecFor, type PeerMode } from './openstackRounds';

process.env.RACKPILOT_NETWORK_SCOPE = 'loopback';
const run = promisify(execFile);

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}

function fail(message: string): never {
  console.error(`bench:openstack: ${message}`);
  process.exit(2);
}

const rounds = Number(option('--rounds', '2'));
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) fail(`--rounds must be a whole number from 1 to 20, not ${option('--rounds', '2')}`);
const peerMode = option('--peer', 'parallel') as PeerMode;
if (peerMode !== 'parallel' && peerMode !== 'serial') fail(`--peer must be parallel or serial, not ${String(peerMode)}`);
const skip = openStackLabSkipReason();
if (skip) fail(skip);

const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const readOrEmpty = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8').trim() : '');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const marker = join(openStackLabState, 'started-by');

/** A vitest run that started the lab stops it in its global teardown, which takes no hold: wait for it to end rather than be stopped mid-round. */
async function waitForOwnerRun(): Promise<void> {
  for (let said = false; ; said = true) {
    const pid = Number(/^vitest-(\d+)-/.exec(readOrEmpty(marker))?.[1] ?? 0);
    if (!pid || !alive(pid)) return;
    if (!said) console.log(`The lab was started by the vitest run ${pid}, which stops it when it ends: waiting for that run to finish.`);
    await sleep(5_000);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface RoundFigures { round: number; first: 'ours' | 'peer'; deploy: number; create: number; rollback: number; delete: number; peerSetup: number }

function printTable(figures: RoundFigures[], loadStart: string, loadEnd: string): void {
  const cell = (value: string | number, width: number): string => (typeof value === 'number' ? value.toFixed(1) : value).padStart(width);
  const widths = [5, 6, 14, 14, 16, 14];
  const line = (values: Array<string | number>): string => values.map((value, i) => cell(value, widths[i]!)).join('  ');
  console.log(`\nOpenStack lab: rackpilot deploy/rollback of the OpenStack sample vs the openstack CLI (peer servers: ${peerMode}), ${rounds} round(s)`);
  console.log(line(['round', 'first', 'ours deploy s', 'peer create s', 'ours rollback s', 'peer delete s']));
  for (const f of figures) console.log(line([String(f.round), f.first, f.deploy, f.create, f.rollback, f.delete]));
  const m = { deploy: median(figures.map((f) => f.deploy)), create: median(figures.map((f) => f.create)), rollback: median(figures.map((f) => f.rollback)), delete: median(figures.map((f) => f.delete)) };
  console.log(line(['med', '', m.deploy, m.create, m.rollback, m.delete]));
  console.log(`ratio of medians (ours / peer): deploy/create ${(m.deploy / m.create).toFixed(2)}, rollback/delete ${(m.rollback / m.delete).toFixed(2)}`);
  console.log(`peer setup, not counted (flavor + 1 MiB image, one CLI process): ${figures.map((f) => f.peerSetup.toFixed(1)).join(', ')} s`);
  console.log(`load average (1/5/15 min): start ${loadStart}, end ${loadEnd}`);
  console.log(
    [
      'Counted: ours = `rackpilot deploy FILE --json` from spawn to exit (Node start-up, workbook import, preflight, SSH tunnel through the bastion,',
      '  Keystone login, key pair, security group + 3 rules, flavor, 1 MiB image upload, 7 networks + subnets, router, 16 ports with fixed IPs, 4 servers until ACTIVE),',
      '  and `rackpilot rollback RUN --yes --force --json` from spawn to exit (removes all of that).',
      `  peer create = network + subnet (one CLI process) then 4 × \`openstack server create --wait\` (${peerMode === 'parallel' ? 'four CLI processes at once' : 'one after the other in one CLI process'}),`,
      '  same flavor sizes, image file and zones, one NIC each, no key pair or security group of its own;',
      '  peer delete = `openstack server delete --wait` of the 4 servers, then `network delete`.',
    ].join('\n'),
  );
}

await waitForOwnerRun();
if (existsSync(`${openStackLabState}.tests.hold`)) console.log(`Waiting for the lab's hold (${openStackLabState}.tests.hold, pid ${readOrEmpty(`${openStackLabState}.tests.hold/pid`) || '?'}).`);
await holdLab();
const token = `bench-openstack-${process.pid}-${randomUUID()}`;
const labStarted = performance.now();
let lab: OpenStackLab | undefined;
let doorsWereOpen = false;
const dir = mkdtempSync(join(tmpdir(), 'rp-bench-openstack-'));
let exitCode = 0;
try {
  lab = await ensureLab(token);
  const startedByUs = readOrEmpty(marker) === token;
  console.log(`OpenStack lab ${startedByUs ? `started by this benchmark in ${((performance.now() - labStarted) / 1000).toFixed(0)} s` : 'already up'}; the hold is ours.`);
  // Through the bastion only, as deployOpenStack.test.ts does; restored at the end.
  doorsWereOpen = await lab.directAccessOpen();
  if (doorsWereOpen) await lab.setDirectAccess(false);

  const { inventory: before, swept } = await inventoryWithoutSample(lab);
  if (swept.length > 0) console.log(`Swept the sample an earlier run left: ${swept.join(', ')}`);
  const leftOver = [...before].filter((entry) => isSampleObject(entry) || /^(server|network|router|image|flavor) bench-peer/.test(entry));
  if (leftOver.length > 0) throw new Error(`the lab still holds objects of an earlier run:\n  ${leftOver.join('\n  ')}`);
  const spec = await peerSpecFor(lab);
  console.log(`Peer servers: ${spec.servers.map((server) => `${server.name} in ${server.zone}`).join(', ')} (the sample's mesh4-1..4 zones); flavor ${spec.flavor.vcpu} vCPU ${spec.flavor.memoryMiB} MiB ${spec.flavor.diskGiB} GiB; network ${spec.network.cidr}`);

  // Read once the lab is up and ours: the wait and the lab's start-up are not part of the figures.
  const loadStart = loadavg();
  const figures: RoundFigures[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternating who goes first spreads a drift in the machine's load over both sides.
    const first = round % 2 === 1 ? 'ours' : 'peer';
    const roundDir = join(dir, `round-${round}`);
    mkdirSync(roundDir);
    const sample = await prepareLabSample(lab, roundDir);
    let ours: Awaited<ReturnType<typeof oursRound>>;
    let peer: Awaited<ReturnType<typeof peerRound>>;
    if (first === 'ours') {
      ours = await oursRound(sample);
      peer = await peerRound(lab, sample.diskFile, spec, peerMode);
    } else {
      peer = await peerRound(lab, sample.diskFile, spec, peerMode);
      ours = await oursRound(sample);
    }
    figures.push({ round, first, deploy: ours.deploy, rollback: ours.rollback, create: peer.create, delete: peer.delete, peerSetup: peer.setup });
    console.log(`round ${round}: ours deploy ${ours.deploy.toFixed(1)} s, rollback ${ours.rollback.toFixed(1)} s; peer create ${peer.create.toFixed(1)} s, delete ${peer.delete.toFixed(1)} s`);
  }
  const loadEnd = loadavg();

  const after = await inventory(lab);
  const added = [...after].filter((entry) => !before.has(entry));
  const removed = [...before].filter((entry) => !after.has(entry));
  printTable(figures, loadStart, loadEnd);
  if (added.length + removed.length > 0) {
    exitCode = 1;
    console.log(`The lab is not as found:\n  added: ${added.join(', ') || '-'}\n  removed: ${removed.join(', ') || '-'}`);
  } else {
    console.log(`The lab is as found: servers, ports, networks, subnets, routers, security groups, key pairs, images, flavors unchanged (${after.size} object${after.size === 1 ? '' : 's'} besides each project's default security group).`);
  }
} catch (error) {
  exitCode = 1;
  console.error(`bench:openstack failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (lab && doorsWereOpen) await lab.setDirectAccess(true).catch((error: unknown) => console.error(`could not reopen the lab's direct doors: ${String(error)}`));
  if (readOrEmpty(marker) === token) {
    const stopping = performance.now();
    await run(join(openStackLabScripts, 'down.sh'), [], { env: { ...process.env, OSLAB_STATE: openStackLabState }, timeout: 5 * 60_000 });
    rmSync(marker, { force: true });
    console.log(`OpenStack lab stopped in ${((performance.now() - stopping) / 1000).toFixed(0)} s (this benchmark started it).`);
  }
  releaseOpenStackLab();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
