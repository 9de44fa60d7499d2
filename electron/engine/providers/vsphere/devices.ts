import { retrieveObject } from './properties';
import type { VimClient } from './soapClient';
import { child, list, num, text, typed, xsiType, type MoRef, type XmlNode } from './xml';

/** The VM's devices that the provider edits, read from `config.hardware.device`. */
export interface VmDevices {
  nics: Array<{ node: XmlNode; type: string; key: number; backingType: string | null; network: string | null; portgroupKey: string | null }>;
  cdroms: Array<{ key: number; type: string; node: XmlNode; isoFile: string | null }>;
  ideControllers: Array<{ key: number; used: number[] }>;
}

const nicTypes = new Set(['VirtualE1000', 'VirtualE1000e', 'VirtualVmxnet', 'VirtualVmxnet2', 'VirtualVmxnet3', 'VirtualVmxnet3Vrdma', 'VirtualPCNet32', 'VirtualSriovEthernetCard']);

/** The devices of one VM, read from vCenter (none for a VM that no longer exists). */
export async function readVmDevices(client: VimClient, vm: MoRef, signal: AbortSignal): Promise<VmDevices> {
  return readDevices((await retrieveObject(client, vm, ['config.hardware.device'], signal))?.get('config.hardware.device'));
}

export function readDevices(deviceArray: unknown): VmDevices {
  const devices = list(child(deviceArray, 'VirtualDevice')) as XmlNode[];
  const result: VmDevices = { nics: [], cdroms: [], ideControllers: [] };
  for (const device of devices) {
    const type = xsiType(device) ?? '';
    const key = num(child(device, 'key')) ?? 0;
    const backing = child(device, 'backing');
    if (nicTypes.has(type)) {
      result.nics.push({
        node: device,
        type,
        key,
        backingType: xsiType(backing),
        network: text(child(backing, 'deviceName')),
        portgroupKey: text(child(child(backing, 'port'), 'portgroupKey')),
      });
    } else if (type === 'VirtualCdrom') {
      result.cdroms.push({ key, type, node: device, isoFile: xsiType(backing) === 'VirtualCdromIsoBackingInfo' ? text(child(backing, 'fileName')) : null });
    } else if (type === 'VirtualIDEController') {
      result.ideControllers.push({ key, used: list(child(device, 'device')).map((entry) => num(entry) ?? -1) });
    }
  }
  return result;
}

/** Where a NIC is connected: a standard port group by name and reference, or a distributed one by switch and key. */
export type NicTarget =
  | { kind: 'portgroup'; name: string; network: MoRef }
  | { kind: 'dvportgroup'; name: string; switchUuid: string; portgroupKey: string };

function nicBacking(target: NicTarget): XmlNode {
  if (target.kind === 'portgroup') return typed('VirtualEthernetCardNetworkBackingInfo', { deviceName: target.name, network: { '@_type': target.network.type, '#text': target.network.value } });
  return typed('VirtualEthernetCardDistributedVirtualPortBackingInfo', { port: { switchUuid: target.switchUuid, portgroupKey: target.portgroupKey } });
}

/** The fields of an existing device an edit sends back, in the WSDL's order (VirtualDevice, then VirtualEthernetCard). */
function keptFields(device: XmlNode, names: readonly string[]): XmlNode {
  const kept: XmlNode = {};
  for (const name of names) {
    const value = child(device, name);
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

const connected = { startConnected: true, allowGuestControl: true, connected: true };

/** Moves a NIC to another network, connected at power-on; the rest of the device is sent back as read. */
export function editNic(nic: VmDevices['nics'][number], target: NicTarget): XmlNode {
  const device = typed(nic.type, {
    key: nic.key,
    ...keptFields(nic.node, ['deviceInfo']),
    backing: nicBacking(target),
    connectable: connected,
    ...keptFields(nic.node, ['controllerKey', 'unitNumber', 'addressType', 'macAddress']),
  });
  return { operation: 'edit', device };
}

/** An ISO on a datastore in the VM's CD-ROM: the first CD-ROM edited, or one added on a free IDE slot. */
export function isoCdrom(devices: VmDevices, file: { path: string; datastore: MoRef }): XmlNode | null {
  const backing = typed('VirtualCdromIsoBackingInfo', { fileName: file.path, datastore: { '@_type': file.datastore.type, '#text': file.datastore.value } });
  const [cdrom] = devices.cdroms;
  if (cdrom) {
    return { operation: 'edit', device: typed('VirtualCdrom', { key: cdrom.key, ...keptFields(cdrom.node, ['deviceInfo']), backing, connectable: connected, ...keptFields(cdrom.node, ['controllerKey', 'unitNumber']) }) };
  }
  const controller = devices.ideControllers.find((entry) => entry.used.length < 2);
  if (!controller) return null;
  // No unit number: vCenter picks the free one on the controller.
  return { operation: 'add', device: typed('VirtualCdrom', { key: -100, deviceInfo: { label: 'CD/DVD drive 1', summary: file.path }, backing, connectable: connected, controllerKey: controller.key }) };
}

/** `[LocalDS_0] iso/ubuntu.iso`, the form vSphere names datastore files in. */
export const datastorePath = (datastore: string, path: string): string => `[${datastore}] ${path.replace(/^\/+/, '')}`;
