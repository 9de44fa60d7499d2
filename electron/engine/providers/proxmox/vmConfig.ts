import { text } from '../../../../shared/i18n/engineText';
import { fail, type CellRef } from '../../../../shared/errors';

const GiB = 2 ** 30;
const units: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: GiB, T: 2 ** 40 };

/**
 * PVE's `sshkeys` takes the keys URL-encoded (its format check allows only
 * `[%A-Za-z0-9-_.!~*'()]`), and the form encoding of the request encodes that
 * again: `%20` travels as `%2520`. encodeURIComponent yields exactly that
 * alphabet, unlike URLSearchParams' `+` for spaces, which PVE would reject.
 */
export function encodeSshKeys(keys: string | readonly string[]): string {
  const lines = (typeof keys === 'string' ? keys.split(/\r?\n/) : keys).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  return encodeURIComponent(lines.join('\n'));
}

/** `10G`, `512M`, `1.5T`, `1048576` (bytes) -> bytes; null when unreadable. */
export function parseSize(text: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec((text ?? '').trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * (units[(match[2] as string).toUpperCase()] as number));
}

/** A size PVE's resize accepts (`\d+(\.\d+)?[KMGT]?`): whole GiB as `20G`, anything else in MiB rounded up. */
export function formatSize(bytes: number): string {
  if (bytes % GiB === 0) return `${bytes / GiB}G`;
  return `${Math.ceil(bytes / 2 ** 20)}M`;
}

/** `key=value,flag,...` -> ordered pairs; a bare first item is keyed by the property's default key (''). */
export function parsePropertyString(value: string): [string, string][] {
  return value
    .split(',')
    .filter(Boolean)
    .map((part) => {
      const cut = part.indexOf('=');
      return cut < 0 ? ['', part] : [part.slice(0, cut), part.slice(cut + 1)];
    });
}

export interface DiskInfo {
  key: string;
  storage: string;
  size: number;
}

const diskKey = /^(scsi|virtio|sata|ide)\d+$/;

function readDisk(key: string, value: string | undefined): DiskInfo | null {
  if (!value || !diskKey.test(key)) return null;
  const parts = parsePropertyString(value);
  if (parts.some(([name, text]) => name === 'media' && text === 'cdrom')) return null;
  const volume = parts.find(([name]) => name === '' || name === 'file')?.[1] ?? '';
  const size = parseSize(parts.find(([name]) => name === 'size')?.[1]);
  if (!volume.includes(':') || size === null) return null;
  return { key, storage: volume.slice(0, volume.indexOf(':')), size };
}

/** The disk the VM boots from: first disk of `boot: order=...`, else the first of scsi0/virtio0/sata0/ide0. */
export function bootDisk(config: Record<string, unknown>): DiskInfo | null {
  const text = (key: string): string | undefined => (typeof config[key] === 'string' ? (config[key] as string) : undefined);
  const order = /order=([^,]+)/.exec(text('boot') ?? '')?.[1]?.split(';') ?? [];
  for (const key of [...order, 'scsi0', 'virtio0', 'sata0', 'ide0']) {
    const disk = readDisk(key, text(key));
    if (disk) return disk;
  }
  for (const key of Object.keys(config).sort()) {
    const disk = readDisk(key, text(key));
    if (disk) return disk;
  }
  return null;
}

/** The first IDE slot that is free, for attaching an ISO next to the template's cloud-init drive. */
export function freeIdeSlot(config: Record<string, unknown>): string | null {
  return ['ide0', 'ide1', 'ide3', 'ide2'].find((key) => config[key] === undefined) ?? null;
}

const macPattern = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
const nicModels = new Set(['e1000', 'e1000-82540em', 'e1000-82544gc', 'e1000-82545em', 'e1000e', 'i82551', 'i82557b', 'i82559er', 'ne2k_isa', 'ne2k_pci', 'pcnet', 'rtl8139', 'virtio', 'vmxnet3']);

/**
 * `net0` for the plan's bridge and VLAN, keeping the clone's model and MAC
 * (a new MAC would break DHCP reservations made for it) and its other
 * options (firewall, mtu, queues, ...). VLAN 0 means untagged.
 */
export function buildNet0(existing: string | undefined, bridge: string, vlan: number): string {
  let model = 'virtio';
  let mac: string | null = null;
  const kept: string[] = [];
  for (const [name, value] of parsePropertyString(existing ?? '')) {
    if (nicModels.has(name)) {
      model = name;
      if (macPattern.test(value)) mac = value.toUpperCase();
    } else if (name === '' || name === 'model') {
      model = value;
    } else if (name === 'macaddr') {
      if (macPattern.test(value)) mac = value.toUpperCase();
    } else if (name !== 'bridge' && name !== 'tag') {
      kept.push(`${name}=${value}`);
    }
  }
  const parts = [mac ? `${model}=${mac}` : model, `bridge=${bridge}`, ...kept];
  if (vlan > 0) parts.push(`tag=${vlan}`);
  return parts.join(',');
}

export interface IpPlan {
  /** `10.0.0.5` or `10.0.0.5/24`; null = DHCP. */
  ip: string | null;
  /** The network's CIDR, for the prefix length when `ip` has none. */
  networkCidr: string | null;
  gateway: string | null;
  /** Where the IP came from, for the error when no prefix length is known. */
  cell?: CellRef;
}

/** `ipconfig0`: `ip=10.0.0.5/24,gw=10.0.0.1`, or `ip=dhcp`. IPv6 addresses go to ip6/gw6. */
export function buildIpConfig(plan: IpPlan): string {
  if (!plan.ip) return 'ip=dhcp';
  const v6 = plan.ip.includes(':');
  let address = plan.ip.trim();
  if (!address.includes('/')) {
    const prefix = plan.networkCidr?.split('/')[1];
    if (!prefix || !/^\d{1,3}$/.test(prefix)) {
      fail('plan_invalid', text('pve.config.noPrefix', { address }), {
        hint: text('pve.hint.prefix'),
        ...(plan.cell ? { cell: plan.cell } : {}),
      });
    }
    address = `${address}/${prefix}`;
  }
  const parts = [`${v6 ? 'ip6' : 'ip'}=${address}`];
  if (plan.gateway) parts.push(`${v6 ? 'gw6' : 'gw'}=${plan.gateway.trim()}`);
  return parts.join(',');
}

/** The address alone (`10.0.0.5`), for finding it in the guest agent's answer. */
export function bareAddress(ip: string | null): string | null {
  return ip ? (ip.split('/')[0] as string).trim() : null;
}
