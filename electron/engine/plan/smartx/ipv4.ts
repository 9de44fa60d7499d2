/*
 * IPv4 arithmetic for the SmartX rules. The template only plans IPv4
 * (SMTX OS management, storage and VM networks); anything else is reported
 * as not an address rather than guessed at.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
  /** The text as written, for messages. */
  text: string;
}

const octet = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || !parts.every((p) => octet.test(p))) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== null;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/**
 * `10.0.20.0/24`. A CIDR whose host bits are set (`10.0.20.5/24`) still parses
 * to its network; `hostBitsSet` lets the caller warn about it.
 */
export function parseCidr(text: string): (Cidr & { hostBitsSet: boolean }) | null {
  const match = /^\s*([\d.]+)\s*\/\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const address = parseIpv4(match[1] ?? '');
  const prefix = Number(match[2]);
  if (address === null || prefix > 32) return null;
  const network = (address & mask(prefix)) >>> 0;
  return { network, prefix, text: text.trim(), hostBitsSet: network !== address };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ((ip & mask(cidr.prefix)) >>> 0) === cidr.network;
}

export function broadcastOf(cidr: Cidr): number {
  return (cidr.network | (~mask(cidr.prefix) >>> 0)) >>> 0;
}

/** The network and broadcast addresses cannot be given to a host (except in /31 and /32). */
export function isReservedInCidr(cidr: Cidr, ip: number): boolean {
  if (cidr.prefix >= 31) return false;
  return ip === cidr.network || ip === broadcastOf(cidr);
}
