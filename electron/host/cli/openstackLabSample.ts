import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openStackLabScripts, openStackLabState, type OpenStackLab, type OpenStackLabInfo } from '../../engine/testing/openstackLab';
import { cliEntry } from './cliTestKit';
import { passwordEnvName } from './enterPasswords';
import { projectRoot } from './paths';

/*
 * The OpenStack sample as a field engineer deploys it on the OpenStack lab,
 * shared by deployOpenStack.test.ts and scripts/bench/openstackDeploy.ts so
 * the benchmark times exactly what the test checks: a copy of the workbook
 * pointed at the lab (Keystone URL, the bastion's address, login and host
 * key, a local disk file for the image, no external network), its password
 * cells empty and the passwords given through RACKPILOT_PASSWORD_* /
 * RACKPILOT_JUMP_PASSWORD_*.
 */

type Row = Record<string, unknown>;

/** Sets row 2 of a sheet by its English headers (a required column's `*` is not part of the name); null empties a cell. */
function setRow(book: ExcelJS.Workbook, sheetName: string, values: Record<string, string | number | null>): void {
  const sheet = book.getWorksheet(sheetName)!;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => columns.set(String(cell.value).replace(/\s*\*$/, ''), column));
  const row = sheet.getRow(2);
  for (const [header, value] of Object.entries(values)) {
    const column = columns.get(header);
    if (!column) throw new Error(`${sheetName} has no column ${header}`);
    row.getCell(column).value = value;
  }
  row.commit();
}

/** The sample, pointed at the lab as scripts/openstack-lab/deploySample.sh does, but with its password cells empty. */
export async function pointSampleAt(lab: OpenStackLabInfo, from: string, to: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(from);
  setRow(book, 'Endpoints', { Address: lab.authUrl, User: lab.admin.username, Password: null, Project: lab.admin.project, Domain: lab.admin.domain, Region: lab.region });
  setRow(book, 'Jump hosts', { Address: lab.bastion.host, Port: lab.bastion.port, User: lab.bastion.username, Password: null, 'Host key (SHA-256)': lab.bastion.hostKeyFingerprint });
  setRow(book, 'Images', { File: 'disk.raw' });
  setRow(book, 'Slices', { 'External network': null });
  await book.xlsx.writeFile(to);
}

export interface LabSample {
  workbook: string;
  /** The image file next to the workbook (1 MiB of noise: the fake virt driver never boots it). */
  diskFile: string;
  /** For the CLI: loopback scope, its store under `dir`, and the passwords. */
  env: NodeJS.ProcessEnv;
  /** What must never appear in the CLI's output. */
  secrets: string[];
}

/** Writes the pointed sample and its disk file into `dir` (which must exist). */
export async function prepareLabSample(lab: OpenStackLabInfo, dir: string): Promise<LabSample> {
  mkdirSync(join(dir, 'site'), { recursive: true });
  const workbook = join(dir, 'site', 'sample-openstack-lab.xlsx');
  const diskFile = join(dir, 'site', 'disk.raw');
  writeFileSync(diskFile, randomBytes(1024 * 1024));
  copyFileSync(join(projectRoot, 'assets/sample-plan/sample-openstack.en.xlsx'), join(dir, 'sample.xlsx'));
  await pointSampleAt(lab, join(dir, 'sample.xlsx'), workbook);
  const env = {
    ...process.env,
    RACKPILOT_NETWORK_SCOPE: 'loopback',
    RACKPILOT_HOME: join(dir, 'home'),
    [passwordEnvName({ scope: 'endpoint', name: 'os-lab', address: lab.authUrl, user: lab.admin.username })]: lab.admin.password,
    [passwordEnvName({ scope: 'jumpHost', name: 'bastion', address: lab.bastion.host, user: lab.bastion.username })]: lab.bastion.password,
  };
  return { workbook, diskFile, env, secrets: [lab.admin.password, lab.bastion.password] };
}

export interface CliResult { code: number | null; stdout: string; stderr: string; seconds: number }

/** `rackpilot ARGS` in a child process; `seconds` is the wall time from spawn to exit. */
export function rackpilot(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve) =>
    execFile(process.execPath, [cliEntry, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    ),
  );
}

/** What the lab holds, per kind, as `kind name (id)` by id: compared before the deploy and after the rollback. */
const inventoryCommands: Array<{ kind: string; command: string[] }> = [
  { kind: 'server', command: ['server', 'list'] },
  { kind: 'port', command: ['port', 'list'] },
  { kind: 'network', command: ['network', 'list'] },
  { kind: 'subnet', command: ['subnet', 'list'] },
  { kind: 'router', command: ['router', 'list'] },
  // Neutron makes a project's `default` group the first time it is asked for one; no run makes it.
  { kind: 'security group', command: ['security', 'group', 'list'] },
  { kind: 'key pair', command: ['keypair', 'list'] },
  { kind: 'image', command: ['image', 'list'] },
  { kind: 'flavor', command: ['flavor', 'list', '--all'] },
];

export async function inventory(lab: OpenStackLab): Promise<Set<string>> {
  const answers = (await lab.openstackMany(inventoryCommands.map((entry) => entry.command))) as Row[][];
  const out = new Set<string>();
  answers.forEach((rows, i) => {
    for (const row of rows) {
      const name = String(row.Name ?? '');
      if (inventoryCommands[i]!.kind === 'security group' && name === 'default') continue;
      out.add(`${inventoryCommands[i]!.kind} ${name} (${String(row.ID ?? row.Fingerprint ?? '')})`);
    }
  });
  return out;
}

/** What of the inventory the sample's deployment makes (by its names in the workbook). */
export const isSampleObject = (entry: string): boolean =>
  /^(server|port|network|subnet|router) mesh4-|^key pair ops-key |^security group mesh-ssh |^image cirros |^flavor rp\.small /.test(entry);

/**
 * Deletes what an earlier deployment of the sample left (scripts/openstack-lab/sweepSample.sh):
 * the lab's database outlives its processes, so a run killed before its rollback
 * leaves the sample's objects for the next run on that machine.
 */
export function sweepSample(): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(join(openStackLabScripts, 'sweepSample.sh'), [], { env: { ...process.env, OSLAB_STATE: openStackLabState }, timeout: 10 * 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`sweepSample.sh failed: ${stderr.trim() || error.message}`)) : resolve(),
    ),
  );
}

/** The lab's inventory with none of the sample's objects in it: swept first when an earlier run left some. */
export async function inventoryWithoutSample(lab: OpenStackLab): Promise<{ inventory: Set<string>; swept: string[] }> {
  const found = await inventory(lab);
  const swept = [...found].filter(isSampleObject);
  if (swept.length === 0) return { inventory: found, swept };
  await sweepSample();
  return { inventory: await inventory(lab), swept };
}
