import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { importPlan } from '../../engine/plan/importPlan';
import { readVmDevices } from '../../engine/providers/vsphere/devices';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import { vcsimForTests } from '../../lab/vsphere/vcsimForTests';
import { cliEntry } from './cliTestKit';
import { projectRoot } from './paths';

/*
 * What a script does with the interfaces of issue 13: start `rackpilot lab
 * start --json`, point the vCenter sample's Endpoints row at the vsphere
 * endpoint it prints, `rackpilot deploy FILE --json`, then check the VMs
 * through the vSphere API.
 */

const binary = { path: vcsimForTests() };

interface LabEndpoint { kind: string; url: string; username: string; password: string; fingerprint: string }
const env = { ...process.env, RACKPILOT_NETWORK_SCOPE: 'loopback' };
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-vsphere-'));
const workbook = join(dir, 'site', 'sample-vsphere.en.xlsx');
let lab: ReturnType<typeof spawn> | null = null;
let vcenter: LabEndpoint;

/** Sets the Endpoints row's cells by their English headers (the `*` of a required column is not part of the name). */
async function pointEndpointAt(path: string, endpoint: LabEndpoint): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet('Endpoints')!;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => columns.set(String(cell.value).replace(/\s*\*$/, ''), column));
  const url = new URL(endpoint.url);
  const row = sheet.getRow(2);
  const values: Record<string, string | number> = { Address: url.hostname, Port: Number(url.port), User: endpoint.username, Password: endpoint.password, 'TLS fingerprint': endpoint.fingerprint };
  for (const [header, value] of Object.entries(values)) row.getCell(columns.get(header)!).value = value;
  row.commit();
  await book.xlsx.writeFile(path);
}

describe.skipIf(!binary.path)('rackpilot deploy of the vCenter sample against the lab that `rackpilot lab start` runs', () => {
  beforeAll(async () => {
    const child = spawn(process.execPath, [cliEntry, 'lab', 'start', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, RACKPILOT_HOME: join(dir, 'lab-home') } });
    lab = child;
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const printed = JSON.parse(first) as { endpoints: LabEndpoint[]; unavailable: Array<{ kind: string; reason: string }> };
    expect(printed.unavailable, 'vcsim-lab is built, so the lab runs vCenter').toEqual([]);
    vcenter = printed.endpoints.find((endpoint) => endpoint.kind === 'vsphere')!;
    cpSync(join(projectRoot, 'assets/sample-plan'), join(dir, 'site'), { recursive: true });
    await pointEndpointAt(workbook, vcenter);
  }, 60_000);
  afterAll(async () => {
    if (lab && lab.exitCode === null) {
      lab.kill('SIGTERM');
      await new Promise((resolve) => lab!.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and leaves every planned VM powered on with its CPU, memory, network and address', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [cliEntry, 'deploy', workbook, '--json'], { env: { ...env, RACKPILOT_HOME: join(dir, 'home') }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      ),
    );
    const failures = result.stdout.split("\n").filter((line) => line.includes('"state":"failed"')).join("\n");
    expect(result.code, failures || result.stderr).toBe(0);
    expect(result.stdout).not.toContain(vcenter.password);

    const plan = (await importPlan(workbook, { lang: 'en' })).plan!;
    expect(plan.vms.length).toBeGreaterThanOrEqual(4);
    const client = new VimClient({ endpoint: { name: 'check', url: vcenter.url, username: vcenter.username, password: new Secret(vcenter.password), fingerprints: [vcenter.fingerprint], datacenter: null, cluster: null }, trust: memoryTrustStore() });
    try {
      const signal = AbortSignal.timeout(60_000);
      const inventory = await readInventory(client, signal);
      for (const planned of plan.vms) {
        const vms = inventory.vms.filter((vm) => vm.name === planned.name && !vm.template);
        expect(vms, planned.name).toHaveLength(1);
        expect(vms[0], planned.name).toMatchObject({ powerState: 'poweredOn', numCpu: planned.vcpu, memoryMiB: planned.memoryMiB, ipAddress: planned.ip?.split('/')[0] ?? null });
        const portGroup = plan.networks.find((network) => network.name === planned.network)!.portGroup!;
        const network = inventory.networks.find((entry) => entry.name === portGroup)!;
        const [nic] = (await readVmDevices(client, vms[0]!.ref, signal)).nics;
        if (network.kind === 'dvportgroup') expect(nic?.portgroupKey, planned.name).toBe(network.portgroupKey);
        else expect(nic?.network, planned.name).toBe(portGroup);
      }
    } finally {
      client.close();
    }
  }, 240_000);
});
