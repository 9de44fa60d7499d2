import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { createLabController } from '../../hostShared/lab/labController';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { readVmDevices } from '../../engine/providers/vsphere/devices';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import { folderUrl } from '../../engine/providers/vsphere/upload';
import { useSampleRehearsal } from '../sampleRehearsalKit';
import { vcsimBinary as binary } from './vsphereHarness';

async function settle(value: (channel: any, payload: unknown) => Promise<any>, runId: string) {
  for (let i = 0; i < 1200; i++) {
    const run = await value('run:get', { runId });
    if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rehearsal did not finish');
}

describe.skipIf(!binary.path)('rehearsing the vCenter sample plan on vcsim', () => {
  const lab = createLabController();
  const { dir, value } = useSampleRehearsal(lab, 'rp-vsphere-');

  it('clones, customizes and starts every VM where the plan says, and uploads and mounts the ISO', async () => {
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: join(dir, 'site', 'sample-vsphere.en.xlsx'), lab: true } });
    const run = await settle(value, runId);
    expect(run.steps.filter((step: any) => step.state !== 'succeeded').map((step: any) => `${step.id}: ${step.error?.title}`)).toEqual([]);
    expect(run.steps.filter((step: any) => step.id.startsWith('vm.create:'))).toHaveLength(8);

    // Checked through the vSphere API, as any client would.
    const endpoint = lab.running()!.find((entry) => entry.kind === 'vsphere')!;
    const client = new VimClient({ endpoint: { name: 'lab', url: endpoint.url, username: endpoint.username, password: new Secret(endpoint.password), fingerprints: [endpoint.fingerprint], datacenter: null, cluster: null }, trust: memoryTrustStore() });
    try {
      const signal = AbortSignal.timeout(60_000);
      const inventory = await readInventory(client, signal);
      const rootPool = inventory.pools.find((pool) => pool.cluster === 'DC0_C0' && pool.path === '')!;
      const planned: Array<[string, number, number, string, string]> = [
        ['vweb-01', 2, 4096, '10.31.0.21', 'DC0_DVPG0'],
        ['vdb-01', 4, 8192, '10.31.0.31', 'DC0_DVPG0'],
        ['vmon-01', 2, 4096, '10.30.0.31', 'VM Network'],
        ['vtools-01', 1, 2048, '10.30.0.32', 'VM Network'],
        ['vwin-01', 4, 8192, '10.31.0.51', 'DC0_DVPG0'],
        ['vwin-03', 2, 4096, '10.30.0.51', 'VM Network'],
      ];
      for (const [name, cpu, memory, ip, portGroup] of planned) {
        const vm = inventory.vms.find((entry) => entry.name === name)!;
        expect(vm, name).toMatchObject({ folder: 'vm', datastores: ['LocalDS_0'], numCpu: cpu, memoryMiB: memory, powerState: 'poweredOn', ipAddress: ip, pool: rootPool.ref });
        const devices = await readVmDevices(client, vm.ref, signal);
        const network = inventory.networks.find((entry) => entry.name === portGroup)!;
        const nic = devices.nics[0]!;
        if (network.kind === 'dvportgroup') expect(nic.portgroupKey, name).toBe(network.portgroupKey);
        else expect(nic.network, name).toBe(portGroup);
      }
      const tools = inventory.vms.find((entry) => entry.name === 'vtools-01')!;
      const cdrom = (await readVmDevices(client, tools.ref, signal)).cdroms;
      expect(cdrom.map((entry) => entry.isoFile)).toContain('[LocalDS_0] iso/tools.iso');

      const datacenter = inventory.datacenters[0]!;
      const download = await client.http.get<Readable>(folderUrl({ datacenter: datacenter.name, datacenterRef: datacenter.ref, datastore: 'LocalDS_0', path: 'iso/tools.iso' }), {
        headers: { Cookie: await client.cookieHeader(signal) },
        responseType: 'stream',
        signal,
      });
      const hash = createHash('sha256');
      for await (const chunk of download.data) hash.update(chunk as Buffer);
      expect(hash.digest('hex')).toBe(createHash('sha256').update(readFileSync(join(dir, 'site', 'images', 'tools.iso'))).digest('hex'));
    } finally {
      client.close();
    }
  });
});
