import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseVspherePreparation } from './preparation';
import { vsphereSimulator, type VsphereLab } from './simulator';
import { asRef, refXml, SoapFault, SoapTestClient, textXml } from './soapTestClient';
import type { RunningSimulator } from '../simulators';
import { vcsimForTests } from './vcsimForTests';

const binaryPath = vcsimForTests();
const built = binaryPath !== null;

const sitePreparation = {
  datacenter: 'Site1',
  clusters: [{ name: 'Prod', hosts: 2 }],
  datastores: [{ name: 'ds-full', capacityGiB: 100, freeGiB: 0 }, { name: 'ds-big' }],
  networks: [
    { name: 'VM Network', kind: 'portgroup' },
    { name: 'vlan20', kind: 'portgroup', vlan: 20 },
    { name: 'web-30', kind: 'dvportgroup', vds: 'DSwitch', vlan: 30 },
  ],
  folders: ['vm/Rackpilot/web'],
  resourcePools: [{ cluster: 'Prod', path: 'pool-a/child' }],
  templates: [
    { name: 'tpl-ubuntu-22.04', os: 'linux', datastore: 'ds-big', network: 'web-30' },
    { name: 'tpl-win', os: 'windows', guestId: 'windows2019srv_64Guest' },
  ],
};

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!built)('the vCenter lab (VMware vcsim-lab)', () => {
  let lab: RunningSimulator<VsphereLab>;
  let soap: SoapTestClient;
  const loggedIn = async () => {
    soap = new SoapTestClient(lab.handle.ready().sdk);
    await soap.connect();
    await soap.login(lab.endpoint.username, lab.endpoint.password);
    return soap;
  };

  beforeAll(async () => {
    lab = await vsphereSimulator.start({});
  });
  afterAll(async () => {
    const pid = lab?.handle.ready().pid;
    await lab?.close();
    if (pid) expect(pidAlive(pid)).toBe(false);
  });

  it('announces its endpoint from the ready line; the certificate served is the one announced', async () => {
    const ready = lab.handle.ready();
    expect(lab.endpoint.kind).toBe('vsphere');
    expect(lab.endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.sdk).toBe(`${lab.endpoint.url}/sdk`);
    expect(ready.thumbprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    await loggedIn();
    expect(soap.lastFingerprint).toBe(lab.endpoint.fingerprint);
  });

  it('accepts only its own credentials', async () => {
    const client = new SoapTestClient(lab.handle.ready().sdk);
    await client.connect();
    await expect(client.login(lab.endpoint.username, `${lab.endpoint.password}x`)).rejects.toMatchObject({ faultType: 'InvalidLoginFault' });
    await expect(client.login('root', lab.endpoint.password)).rejects.toBeInstanceOf(SoapFault);
    await expect(client.login(lab.endpoint.username, lab.endpoint.password)).resolves.toBeTruthy();
  });

  it('serves its default inventory before any preparation', async () => {
    await loggedIn();
    for (const path of ['DC0/host/DC0_C0', 'DC0/datastore/LocalDS_0', 'DC0/network/VM Network', 'DC0/network/DVS0', 'DC0/network/DC0_DVPG0', 'DC0/vm/tpl-ubuntu-22.04', 'DC0/vm/tpl-windows-2022'])
      expect(await soap.find(path), path).not.toBeNull();
  });

  it('mirrors a preparation: datacenter, cluster hosts, datastore sizes, port groups with VLANs, folders, pools and templates', async () => {
    const url = lab.endpoint.url;
    await lab.prepare(sitePreparation);
    expect(lab.endpoint.url).toBe(url);
    await loggedIn();
    expect(await soap.find('DC0')).toBeNull();
    const cluster = (await soap.find('Site1/host/Prod'))!;
    const { host } = (await soap.properties(cluster, ['host'])) as { host: { ManagedObjectReference: unknown[] } };
    expect([host.ManagedObjectReference].flat()).toHaveLength(2);

    const full = (await soap.find('Site1/datastore/ds-full'))!;
    expect(await soap.properties(full, ['summary.capacity', 'summary.freeSpace'])).toEqual({ 'summary.capacity': String(100 * 2 ** 30), 'summary.freeSpace': '0' });
    expect(await soap.find('Site1/datastore/ds-big')).not.toBeNull();

    expect(await soap.find('Site1/network/vlan20')).not.toBeNull();
    const dvpg = (await soap.find('Site1/network/web-30'))!;
    expect(dvpg.type).toBe('DistributedVirtualPortgroup');
    const { config } = (await soap.properties(dvpg, ['config'])) as { config: { defaultPortConfig: { vlan: { vlanId: string } } } };
    expect(config.defaultPortConfig.vlan.vlanId).toBe('30');
    expect((await soap.find('Site1/network/DSwitch'))?.type).toMatch(/DistributedVirtualSwitch$/);

    expect((await soap.find('Site1/vm/Rackpilot/web'))?.type).toBe('Folder');
    expect((await soap.find('Site1/host/Prod/Resources/pool-a/child'))?.type).toBe('ResourcePool');

    const ubuntu = (await soap.find('Site1/vm/tpl-ubuntu-22.04'))!;
    const props = (await soap.properties(ubuntu, ['config.template', 'config.guestId', 'datastore', 'network'])) as Record<string, { ManagedObjectReference: { '#text': string } }>;
    expect(props['config.template']).toBe('true');
    expect(props['config.guestId']).toBe('ubuntu64Guest');
    expect((await soap.properties(asRef(props.datastore!.ManagedObjectReference as never), ['name'])).name).toBe('ds-big');
    expect((await soap.properties(asRef(props.network!.ManagedObjectReference as never), ['name'])).name).toBe('web-30');
    const windows = (await soap.find('Site1/vm/tpl-win'))!;
    expect((await soap.properties(windows, ['config.guestId']))['config.guestId']).toBe('windows2019srv_64Guest');
  });

  it('a clone of a template powers on with VMware Tools running and reports the IP it was given', async () => {
    await lab.prepare(sitePreparation);
    await loggedIn();
    const template = (await soap.find('Site1/vm/tpl-ubuntu-22.04'))!;
    const folder = (await soap.find('Site1/vm/Rackpilot/web'))!;
    const pool = (await soap.find('Site1/host/Prod/Resources/pool-a'))!;
    const vm = asRef((await soap.task('CloneVM_Task', template, refXml('folder', folder) + textXml('name', 'web-01') + `<spec><location>${refXml('pool', pool)}</location><powerOn>false</powerOn><template>false</template></spec>`)) as never);
    // vcsim applies SET.guest.ipAddress as a booted guest's tools would report its address.
    await soap.task('ReconfigVM_Task', vm, `<spec><extraConfig xsi:type="OptionValue"><key>SET.guest.ipAddress</key><value xsi:type="xsd:string" xmlns:xsd="http://www.w3.org/2001/XMLSchema">10.0.20.11</value></extraConfig></spec>`);
    expect((await soap.properties(vm, ['guest.toolsRunningStatus']))['guest.toolsRunningStatus']).toBe('guestToolsNotRunning');
    await soap.task('PowerOnVM_Task', vm);
    let guest: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 100 && guest['guest.toolsRunningStatus'] !== 'guestToolsRunning'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      guest = await soap.properties(vm, ['guest.toolsRunningStatus', 'guest.toolsStatus', 'guest.ipAddress']);
    }
    expect(guest).toEqual({ 'guest.toolsRunningStatus': 'guestToolsRunning', 'guest.toolsStatus': 'toolsOk', 'guest.ipAddress': '10.0.20.11' });
  });

  it('reset restarts it on the same URL and certificate with the preparation cleared', async () => {
    await lab.prepare(sitePreparation);
    const before = lab.handle.ready();
    await lab.reset();
    const after = lab.handle.ready();
    expect(after.pid).not.toBe(before.pid);
    expect(pidAlive(before.pid)).toBe(false);
    expect({ url: after.url, sha256: after.sha256, thumbprint: after.thumbprint }).toEqual({ url: before.url, sha256: before.sha256, thumbprint: before.thumbprint });
    expect(lab.handle.preparation()).toBeNull();
    await loggedIn();
    expect(soap.lastFingerprint).toBe(lab.endpoint.fingerprint);
    expect(await soap.find('Site1')).toBeNull();
    expect(await soap.find('DC0/host/DC0_C0')).not.toBeNull();
  });

  it('vcsim-lab exits when its stdin closes, so a lab killed with SIGKILL leaves no simulator behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-vcsim-test-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const child = spawn(binaryPath!, ['-tls-dir', dir], { env: { ...process.env, VCSIM_LAB_PASSWORD: 'pw' }, stdio: ['pipe', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    const ready = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve))) as { pid: number };
    expect(ready.pid).toBe(child.pid);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    expect(pidAlive(ready.pid)).toBe(false);
  });

  it('refuses a malformed preparation naming the field, and keeps serving', async () => {
    const pid = lab.handle.ready().pid;
    await expect(lab.prepare({ ...sitePreparation, templates: [{ name: 'x', os: 'beos' }] })).rejects.toThrow(/templates\[0\]\.os/);
    expect(lab.handle.ready().pid).toBe(pid);
    expect(pidAlive(pid)).toBe(true);
  });
});

describe('the vCenter lab without its binary', () => {
  it('says that vCenter rehearsal needs vcsim-lab and how to build it, instead of skipping', async () => {
    const options = { binary: '/nonexistent/vcsim-lab' };
    expect(vsphereSimulator.unavailable(options)).toMatch(/vCenter rehearsal needs the vcsim-lab binary.*npm run build:vcsim.*golang-go and golang-github-vmware-govmomi-dev/);
    await expect(vsphereSimulator.start(options)).rejects.toThrow(/npm run build:vcsim.*looked at \/nonexistent\/vcsim-lab/);
  });
});

describe('the vCenter lab preparation', () => {
  it('names the field that is wrong', () => {
    const base = { datacenter: 'DC0', clusters: [{ name: 'C' }], datastores: [{ name: 'D' }], networks: [], folders: [], resourcePools: [], templates: [] };
    expect(parseVspherePreparation(base).datacenter).toBe('DC0');
    expect(() => parseVspherePreparation({ ...base, clusters: [] })).toThrow(/clusters/);
    expect(() => parseVspherePreparation({ ...base, datastores: [{ name: 'D', freeGiB: -1 }] })).toThrow(/datastores\[0\]\.freeGiB/);
    expect(() => parseVspherePreparation({ ...base, networks: [{ name: 'n', kind: 'nsx' }] })).toThrow(/networks\[0\]\.kind/);
    expect(() => parseVspherePreparation({ ...base, folders: ['Rackpilot/web'] })).toThrow(/folders\[0\]/);
    expect(() => parseVspherePreparation({ ...base, resourcePools: [{ cluster: 'other', path: 'p' }] })).toThrow(/resourcePools\[0\]\.cluster.*no cluster named other/);
    expect(() => parseVspherePreparation({ ...base, templates: [{ name: 't', os: 'linux', network: 'nope' }] })).toThrow(/templates\[0\]\.network/);
    expect(() => parseVspherePreparation({ ...base, extra: 1 })).toThrow(/invalid/);
  });
});
