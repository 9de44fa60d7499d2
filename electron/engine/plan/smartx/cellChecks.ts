import type { ImportContext, Read } from './context';
import { formatIpv4, parseCidr, parseIpv4, type Cidr } from './ipv4';
import { fieldLabel } from './labels';

/*
 * One-cell checks: each reads a value the way the template writes it and
 * reports at that cell when it cannot be used. "Invalid" is kept apart from
 * "empty" so callers do not also report the cell as missing.
 */

export type Checked<T> = { ok: true; value: T; empty: false } | { ok: false; empty: boolean };

const empty = { ok: false, empty: true } as const;
const invalid = { ok: false, empty: false } as const;

/** VLAN ID 0..4094; 0 means untagged. Text such as `1120` is accepted, as Excel users type it. */
export function checkVlan(ctx: ImportContext, read: Read): Checked<number> {
  if (read.text === null) return empty;
  const field = fieldLabel('vlan', ctx.lang);
  const number = typeof read.value === 'number' ? read.value : /^[+-]?\d+(\.\d+)?$/.test(read.text) ? Number(read.text) : NaN;
  if (Number.isNaN(number)) {
    ctx.add('value.not_number', read.ref, { field, value: read.text });
    return invalid;
  }
  if (!Number.isInteger(number)) {
    ctx.add('value.not_integer', read.ref, { field, value: read.text });
    return invalid;
  }
  if (number < 0 || number > 4094) {
    ctx.add('vlan.out_of_range', read.ref, { value: number });
    return invalid;
  }
  return { ok: true, value: number, empty: false };
}

export function checkCidr(ctx: ImportContext, read: Read): Checked<Cidr> {
  if (read.text === null) return empty;
  const cidr = parseCidr(read.text);
  if (!cidr) {
    ctx.add('cidr.invalid', read.ref, { field: fieldLabel('subnet', ctx.lang), value: read.text });
    return invalid;
  }
  if (cidr.hostBitsSet) ctx.add('cidr.host_bits', read.ref, { value: read.text, network: `${formatIpv4(cidr.network)}/${cidr.prefix}` });
  return { ok: true, value: cidr, empty: false };
}

/** An IPv4 address, normalized (`010.0.0.1` is refused rather than read as octal or decimal). */
export function checkIp(ctx: ImportContext, read: Read, field: string): Checked<string> {
  if (read.text === null) return empty;
  const ip = parseIpv4(read.text);
  if (ip === null) {
    ctx.add('ip.invalid', read.ref, { field, value: read.text });
    return invalid;
  }
  return { ok: true, value: formatIpv4(ip), empty: false };
}

const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** NTP and DNS servers may be addresses or names (`ntp.c89.fun`). */
export function checkServer(ctx: ImportContext, read: Read, field: string): Checked<string> {
  if (read.text === null) return empty;
  const ip = parseIpv4(read.text);
  if (ip !== null) return { ok: true, value: formatIpv4(ip), empty: false };
  if (!/^[\d.]+$/.test(read.text) && hostName.test(read.text)) return { ok: true, value: read.text.toLowerCase(), empty: false };
  ctx.add('smartx.server_invalid', read.ref, { field, value: read.text });
  return invalid;
}

/** Comma-, semicolon- or space-separated lists such as `ens224,ens192`. */
export function splitList(text: string | null): string[] {
  if (text === null) return [];
  return text.split(/[,，;；、\s/]+/).map((part) => part.trim()).filter((part) => part !== '');
}

export function checkInList(ctx: ImportContext, read: Read, field: string, allowed: readonly string[]): string | null {
  if (read.text === null) return null;
  const match = allowed.find((option) => option.toLowerCase() === read.text?.toLowerCase());
  if (match) return match;
  ctx.add('value.not_in_list', read.ref, { field, value: read.text, allowed: allowed.join(', ') }, 'warning');
  return read.text;
}
