import { isIPv4, isIPv6 } from 'node:net';
import type { PropSchema } from './types';

/**
 * Named string formats of Proxmox VE's JSONSchema, re-implemented from the
 * messages PVE prints. Each check returns PVE's `die` text (ending in a
 * newline) or null. Formats not listed here are accepted unchecked.
 */
type FormatCheck = (value: string) => string | null;

const nameRe = '[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?';
const storageIdRe = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
const volumeIdRe = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i;
const sizeRe = /^(\d+(\.\d+)?)([KMGT])?$/;
const contentTypes = new Set(['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import']);

const byRegex = (re: RegExp, message: (value: string) => string): FormatCheck => (value) => (re.test(value) ? null : `${message(value)}\n`);

function isCidr(value: string, family: 4 | 6 | 0): boolean {
  const [address, mask, ...rest] = value.split('/');
  if (address === undefined || mask === undefined || rest.length > 0 || !/^\d{1,3}$/.test(mask)) return false;
  const bits = Number(mask);
  if ((family === 4 || family === 0) && isIPv4(address)) return bits <= 32;
  if ((family === 6 || family === 0) && isIPv6(address)) return bits <= 128;
  return false;
}

const namedFormats: Record<string, FormatCheck> = {
  'pve-node': (v) => (isIPv4(v) || new RegExp(`^${nameRe}$`).test(v) ? null : 'value does not look like a valid node name\n'),
  'pve-vmid': byRegex(/^\d+$/, () => 'value does not look like a valid VM ID'),
  'pve-storage-id': byRegex(storageIdRe, (v) => `storage ID '${v}' contains illegal characters`),
  'pve-configid': byRegex(/^[a-z][a-z0-9_-]+$/i, (v) => `invalid configuration ID '${v}'`),
  'pve-bridge-id': byRegex(/^[-_.\w]+$/, (v) => `invalid bridge ID '${v}'`),
  'pve-poolid': byRegex(/^[A-Za-z0-9_-]+$/, (v) => `invalid pool ID '${v}'`),
  'pve-realm': byRegex(/^[A-Za-z][A-Za-z.\-_\d]+$/, (v) => `value '${v}' does not look like a valid realm`),
  'pve-tag': byRegex(/^[a-z0-9_][a-z0-9_\-+.]*$/i, (v) => `invalid tag '${v}'`),
  'pve-storage-content': (v) => (contentTypes.has(v) ? null : `invalid content type '${v}'\n`),
  'pve-volume-id': byRegex(volumeIdRe, (v) => `unable to parse volume ID '${v}'`),
  'pve-volume-id-or-qm-path': (v) =>
    v === 'none' || v === 'cdrom' || v.startsWith('/') || volumeIdRe.test(v) ? null : `unable to parse volume ID '${v}'\n`,
  'pve-volume-id-or-absolute-path': (v) => (v.startsWith('/') || volumeIdRe.test(v) ? null : `unable to parse volume ID '${v}'\n`),
  'mac-addr': byRegex(/^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i, () => 'value does not look like a valid unicast MAC address'),
  'dns-name': byRegex(new RegExp(`^(${nameRe}\\.)*${nameRe}$`), () => 'value does not look like a valid DNS name'),
  urlencoded: byRegex(/^[-%a-zA-Z0-9_.!~*'()]*$/, (v) => `invalid urlencoded string: ${v}`),
  'disk-size': byRegex(sizeRe, (v) => `value '${v}' is not a valid disk size`),
  address: (v) => (isIPv4(v) || isIPv6(v) ? null : 'value does not look like a valid IP address\n'),
  ip: (v) => (isIPv4(v) || isIPv6(v) ? null : 'value does not look like a valid IP address\n'),
  ipv4: (v) => (isIPv4(v) ? null : 'value does not look like a valid IPv4 address\n'),
  ipv6: (v) => (isIPv6(v) ? null : 'value does not look like a valid IPv6 address\n'),
  CIDR: (v) => (isCidr(v, 0) ? null : 'value does not look like a valid CIDR network\n'),
  CIDRv4: (v) => (isCidr(v, 4) ? null : 'value does not look like a valid IPv4 CIDR network\n'),
  CIDRv6: (v) => (isCidr(v, 6) ? null : 'value does not look like a valid IPv6 CIDR network\n'),
  'pve-ipv4-config': (v) => (v === 'dhcp' || isCidr(v, 4) ? null : 'value does not look like a valid ipv4 network configuration\n'),
  'pve-ipv6-config': (v) =>
    v === 'dhcp' || v === 'auto' || isCidr(v, 6) ? null : 'value does not look like a valid ipv6 network configuration\n',
};

/** Named formats that are property strings in PVE (registered as hashes). */
export const propertyStringFormats: Record<string, Record<string, PropSchema>> = {
  // qemu-server's $ipconfig_fmt
  'pve-qm-ipconfig': {
    ip: { type: 'string', format: 'pve-ipv4-config', optional: 1 },
    gw: { type: 'string', format: 'ipv4', optional: 1 },
    ip6: { type: 'string', format: 'pve-ipv6-config', optional: 1 },
    gw6: { type: 'string', format: 'ipv6', optional: 1 },
  },
};

/** PVE::Tools::split_list: NUL-separated, else commas, semicolons and spaces. */
export function splitList(text: string): string[] {
  if (text.includes('\0')) return text.split('\0');
  return text.replace(/[,;]/g, ' ').trim().split(/\s+/).filter((item) => item !== '');
}

/** Checks a named non-property-string format; `-list` formats check each item like PVE does. */
export function checkNamedFormat(format: string, value: string): string | null {
  const direct = namedFormats[format];
  if (direct) return direct(value);
  if (format === 'pve-tag-list') return firstError(splitList(value), namedFormats['pve-tag']);
  const listOf = /^(.*)-list$/.exec(format)?.[1];
  if (listOf !== undefined && namedFormats[listOf]) return firstError(splitList(value), namedFormats[listOf]);
  // Formats for parts of PVE the lab does not model (pve-qm-boot, pve-vm-cpu-conf, ...) pass unchecked.
  return null;
}

function firstError(items: string[], check: FormatCheck | undefined): string | null {
  if (!check) return null;
  for (const item of items) {
    const error = check(item);
    if (error) return error;
  }
  return null;
}

/** Binary-unit disk size to bytes (PVE::JSONSchema::parse_size); null when it does not parse. */
export function parseSize(text: string): number | null {
  const match = sizeRe.exec(text);
  if (!match) return null;
  const units: Record<string, number> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
  return Math.round(Number(match[1]) * (match[3] ? (units[match[3]] ?? 1) : 1));
}

/** Bytes as PVE writes sizes into configs: the largest unit that divides exactly. */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of [['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}
