import { formatSize, parseSize } from '../schema/formats';
import { randomMac } from './topology';

/** Reading and rewriting the values of a VM config the way qemu-server stores them. */

export const diskKeyRe = /^(scsi|virtio|sata|ide)\d+$|^efidisk0$|^tpmstate0$/;

export interface DiskEntry {
  key: string;
  file: string;
  options: Record<string, string>;
  isCdrom: boolean;
  size: number;
}

/** `local-lvm:vm-101-disk-0,iothread=1,size=32G` into its parts. */
export function parseDrive(key: string, value: string): DiskEntry {
  const options: Record<string, string> = {};
  let file = '';
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) file ||= part;
    else if (part.slice(0, eq) === 'file') file = part.slice(eq + 1);
    else options[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const isCdrom = options.media === 'cdrom' || file === 'cdrom' || file === 'none';
  return { key, file, options, isCdrom, size: parseSize(options.size ?? '0') ?? 0 };
}

export function printDrive(entry: Pick<DiskEntry, 'file' | 'options'>): string {
  return [entry.file, ...Object.entries(entry.options).map(([key, value]) => `${key}=${value}`)].join(',');
}

export function listDisks(config: Record<string, string>): DiskEntry[] {
  return Object.keys(config)
    .filter((key) => diskKeyRe.test(key))
    .sort()
    .map((key) => parseDrive(key, config[key] as string));
}

export function withSize(entry: DiskEntry, bytes: number): string {
  return printDrive({ file: entry.file, options: { ...entry.options, size: formatSize(bytes) } });
}

/** `memory` is `[current=]<MiB>`; PVE's default is 512 MiB. */
export function vmMemoryBytes(config: Record<string, string>): number {
  const match = /(?:^|,)(?:current=)?(\d+)(?:,|$)/.exec(config.memory ?? '512');
  return Number(match?.[1] ?? 512) * 2 ** 20;
}

export function vmCpus(config: Record<string, string>): number {
  if (config.vcpus) return Number(config.vcpus);
  return Number(config.cores ?? 1) * Number(config.sockets ?? 1);
}

/** `maxdisk`: the size of the boot disk (first of `boot: order=`), else the first disk. */
export function bootDiskSize(config: Record<string, string>): number {
  const disks = listDisks(config).filter((disk) => !disk.isCdrom);
  const order = /order=([^,]+)/.exec(config.boot ?? '')?.[1]?.split(';') ?? [];
  const boot = order.map((key) => disks.find((disk) => disk.key === key)).find((disk) => disk !== undefined);
  return (boot ?? disks[0])?.size ?? 0;
}

export function isTemplate(config: Record<string, string>): boolean {
  return config.template === '1';
}

/** The address cloud-init gives interface N: `ip=10.0.0.5/24` -> 10.0.0.5/24; dhcp gets a stable made-up lease. */
export function cloudInitAddress(config: Record<string, string>, index: number, vmid: number): { ip: string; prefix: number } | null {
  const ipconfig = config[`ipconfig${index}`];
  const ip = ipconfig ? /(?:^|,)ip=([^,]+)/.exec(ipconfig)?.[1] : 'dhcp';
  if (!ip) return null;
  if (ip === 'dhcp') return { ip: `10.20.${Math.floor(vmid / 250) % 250}.${(vmid % 250) + 2}`, prefix: 24 };
  const [address, prefix] = ip.split('/');
  return address ? { ip: address, prefix: Number(prefix ?? 32) } : null;
}

/** The MAC of `netN` (`virtio=BC:24:11:..,bridge=vmbr0`). */
export function macOf(net: string | undefined): string | null {
  if (!net) return null;
  return /(?:^|,)(?:virtio|e1000|e1000e|rtl8139|vmxnet3|macaddr)=([0-9A-Fa-f:]{17})/.exec(net)?.[1] ?? null;
}

/** A clone gets fresh MACs on every NIC, as qemu-server does. */
export function withFreshMacs(config: Record<string, string>): Record<string, string> {
  const out = { ...config };
  for (const key of Object.keys(out)) {
    if (!/^net\d+$/.test(key)) continue;
    out[key] = (out[key] as string).replace(/((?:^|,)(?:virtio|e1000|e1000e|rtl8139|vmxnet3)=)[0-9A-Fa-f:]{17}/, `$1${randomMac()}`);
  }
  return out;
}
