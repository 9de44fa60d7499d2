import { describe, expect, it } from 'vitest';
import { customizationSpec } from './customization';
import { buildInventory } from './inventory';
import { assertRoom, resolvePlacement } from './placement';
import type { ObjectContent } from './properties';
import type { VsVmInput } from './vmSpec';
import { failureOf } from '../../testing/failureOf';

const ref = (type: string, value: string) => ({ '@_type': type, '#text': value });
const obj = (type: string, value: string, props: Record<string, unknown>): ObjectContent => ({ obj: { type, value }, props: new Map(Object.entries(props)) });
const GiB = 2 ** 30;

/** A datacenter as RetrievePropertiesEx answers it: names and parents, as vCenter nests them. */
const objects: ObjectContent[] = [
  obj('Folder', 'group-d1', { name: 'Datacenters' }),
  obj('Datacenter', 'dc-1', { name: 'DC0', parent: ref('Folder', 'group-d1'), vmFolder: ref('Folder', 'f-vm') }),
  obj('Folder', 'f-vm', { name: 'vm', parent: ref('Datacenter', 'dc-1') }),
  obj('Folder', 'f-rp', { name: 'Rackpilot', parent: ref('Folder', 'f-vm') }),
  obj('Folder', 'f-web', { name: 'web', parent: ref('Folder', 'f-rp') }),
  obj('Folder', 'f-host', { name: 'host', parent: ref('Datacenter', 'dc-1') }),
  obj('ClusterComputeResource', 'c-1', { name: 'DC0_C0', parent: ref('Folder', 'f-host'), resourcePool: ref('ResourcePool', 'rp-root') }),
  obj('ResourcePool', 'rp-root', { name: 'Resources', parent: ref('ClusterComputeResource', 'c-1') }),
  obj('ResourcePool', 'rp-a', { name: 'pool-a', parent: ref('ResourcePool', 'rp-root') }),
  obj('HostSystem', 'h-1', { name: 'esx1', parent: ref('ClusterComputeResource', 'c-1'), 'runtime.connectionState': 'connected', 'summary.hardware.memorySize': String(64 * GiB) }),
  obj('Folder', 'f-ds', { name: 'datastore', parent: ref('Datacenter', 'dc-1') }),
  obj('Datastore', 'ds-1', { name: 'LocalDS_0', parent: ref('Folder', 'f-ds'), 'summary.capacity': String(100 * GiB), 'summary.freeSpace': String(30 * GiB), 'summary.accessible': 'true' }),
  obj('Folder', 'f-net', { name: 'network', parent: ref('Datacenter', 'dc-1') }),
  obj('Network', 'net-1', { name: 'VM Network', parent: ref('Folder', 'f-net') }),
  obj('VmwareDistributedVirtualSwitch', 'dvs-1', { name: 'DVS0', parent: ref('Folder', 'f-net'), uuid: '50 1a 2b' }),
  obj('DistributedVirtualPortgroup', 'dvpg-1', { name: 'prod', parent: ref('Folder', 'f-net'), key: 'dvportgroup-11', 'config.distributedVirtualSwitch': ref('VmwareDistributedVirtualSwitch', 'dvs-1') }),
  obj('VirtualMachine', 'vm-1', { name: 'tpl-ubuntu-22.04', parent: ref('Folder', 'f-vm'), 'config.template': 'true', 'config.guestId': 'ubuntu64Guest', datastore: { ManagedObjectReference: ref('Datastore', 'ds-1') } }),
];
const inventory = buildInventory(objects, { fullName: 'VMware vCenter Server 8', apiVersion: '8.0' });

const input = (fields: Partial<VsVmInput> = {}): VsVmInput => ({
  endpoint: 'vc1', name: 'web-01', os: 'ubuntu', vcpu: 2, memoryMiB: 4096, diskGiB: 20, datacenter: 'DC0', placement: ['DC0_C0'], resourcePool: 'pool-a', folder: 'vm/Rackpilot/web',
  datastore: 'LocalDS_0', template: 'tpl-ubuntu-22.04', network: { name: 'app', portGroup: 'prod', vds: 'DVS0' }, ip: '10.0.20.21', subnetMask: '255.255.255.0', gateway: '10.0.20.1',
  dns: ['10.0.0.53'], domain: null, workgroup: null, timeZone: null, domainUser: null, iso: null, verifyPorts: [22], cells: { network: { sheet: 'VMs', cell: 'J5' }, folder: { sheet: 'VMs', cell: 'X5' } }, ...fields,
});

describe('vSphere placement', () => {
  it('resolves folder paths, pools below the root pool, and a distributed port group to its switch uuid and key', () => {
    const placement = resolvePlacement(inventory, input());
    expect(placement.folder.ref.value).toBe('f-web');
    expect(placement.pool.ref.value).toBe('rp-a');
    expect(placement.datastore.free).toBe(30 * GiB);
    expect(placement.nic).toEqual({ kind: 'dvportgroup', name: 'prod', switchUuid: '50 1a 2b', portgroupKey: 'dvportgroup-11' });
    expect(resolvePlacement(inventory, input({ network: { name: 'mgmt', portGroup: 'VM Network', vds: null }, resourcePool: null })).nic).toEqual({ kind: 'portgroup', name: 'VM Network', network: { type: 'Network', value: 'net-1' } });
  });

  it('names the cell and what vCenter has when a port group or folder is missing', async () => {
    const noPortGroup = await failureOf(Promise.resolve().then(() => resolvePlacement(inventory, input({ network: { name: 'app', portGroup: 'DMZ', vds: null } }))));
    expect(noPortGroup.appError).toMatchObject({ code: 'plan_invalid', cell: { sheet: 'VMs', cell: 'J5' } });
    expect(noPortGroup.appError.title).toBe('vCenter vc1 has no port group DMZ in DC0. It has: VM Network, prod (DVS0).');
    const noFolder = await failureOf(Promise.resolve().then(() => resolvePlacement(inventory, input({ folder: 'vm/Other' }))));
    expect(noFolder.appError).toMatchObject({ code: 'plan_invalid', cell: { sheet: 'VMs', cell: 'X5' } });
    expect(noFolder.appError.title).toContain('has no VM folder vm/Other in DC0');
  });

  it('refuses a clone the datastore has no room for, before vCenter starts writing it', async () => {
    const placement = resolvePlacement(inventory, input());
    expect(() => assertRoom(placement, input({ diskGiB: 20 }))).not.toThrow();
    const full = await failureOf(Promise.resolve().then(() => assertRoom(placement, input({ diskGiB: 40 }))));
    expect(full.appError.title).toBe('Datastore LocalDS_0 has 30.0 GiB free; VM web-01 needs 40 GiB.');
  });
});

describe('guest customization', () => {
  it('joins a Windows domain only with a join account, else the workgroup; never without a computer name', () => {
    const secrets = { adminPassword: 'Adm1n!', productKey: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', domainPassword: 'J01n!' };
    const joined = customizationSpec(input({ os: 'windows', name: 'win-application-01', domain: 'corp.example', domainUser: 'CORP\\joiner' }), secrets, 1) as any;
    expect(joined.identity['@_xsi:type']).toBe('CustomizationSysprep');
    expect(joined.identity.identification).toEqual({ joinDomain: 'corp.example', domainAdmin: 'CORP\\joiner', domainAdminPassword: { value: 'J01n!', plainText: true } });
    expect(joined.identity.userData.computerName.name).toBe('win-application');
    expect(joined.identity.userData.productId).toBe(secrets.productKey);
    const workgroup = customizationSpec(input({ os: 'windows', domain: 'corp.example', workgroup: 'LAB' }), secrets, 1) as any;
    expect(workgroup.identity.identification).toEqual({ joinWorkgroup: 'LAB' });
  });

  it('gives Linux prep a domain and one adapter mapping per NIC, the first with the fixed address', () => {
    const spec = customizationSpec(input({ timeZone: 'Europe/Madrid' }), { adminPassword: null, productKey: null, domainPassword: null }, 2) as any;
    expect(spec.identity).toMatchObject({ '@_xsi:type': 'CustomizationLinuxPrep', hostName: { name: 'web-01' }, domain: 'localdomain', timeZone: 'Europe/Madrid' });
    expect(spec.nicSettingMap).toHaveLength(2);
    expect(spec.nicSettingMap[0].adapter).toMatchObject({ ip: { '@_xsi:type': 'CustomizationFixedIp', ipAddress: '10.0.20.21' }, subnetMask: '255.255.255.0', gateway: ['10.0.20.1'] });
    expect(spec.nicSettingMap[1].adapter.ip['@_xsi:type']).toBe('CustomizationDhcpIpGenerator');
  });
});
