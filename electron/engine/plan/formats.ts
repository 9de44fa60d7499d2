/** Formats the plan uses everywhere: IPv4, subnets, fingerprints, checksums, DNS labels. Pure functions. */

/** Strict dotted quad (no leading zeros, which some tools read as octal) -> 32-bit number. Hand-parsed: it runs for every address. */
export function parseIpv4(text: string): number | null {
  const input = text.trim();
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= input.length; i++) {
    const code = i < input.length ? input.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || octet > 255) return null;
      value = value * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits === 1 && octet === 0) return null;
      octet = octet * 10 + (code - 48);
      if (++digits > 3) return null;
    } else {
      return null;
    }
  }
  return parts === 4 ? value : null;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Subnet {
  /** As written. */
  text: string;
  prefix: number;
  network: number;
  broadcast: number;
  /** The address had bits set beyond the prefix (`10.0.20.5/24`). */
  hostBitsSet: boolean;
}

function prefixFromMask(mask: string): number | null {
  const value = parseIpv4(mask);
  if (value === null) return null;
  const bits = value.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : null;
}

/** `10.0.20.0/24` or `10.0.20.0/255.255.255.0`. */
export function parseCidr(text: string): Subnet | null {
  const [address, suffix, extra] = text.trim().split('/');
  if (address === undefined || suffix === undefined || extra !== undefined) return null;
  const ip = parseIpv4(address);
  const prefix = /^\d{1,2}$/.test(suffix) ? Number(suffix) : prefixFromMask(suffix);
  if (ip === null || prefix === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ip / size) * size;
  return { text: text.trim(), prefix, network, broadcast: network + size - 1, hostBitsSet: network !== ip };
}

export function formatSubnet(subnet: Subnet): string {
  return `${formatIpv4(subnet.network)}/${subnet.prefix}`;
}

export function subnetContains(subnet: Subnet, ip: number): boolean {
  return ip >= subnet.network && ip <= subnet.broadcast;
}

/** First and last usable host (a /31 and /32 have no network or broadcast address, RFC 3021). */
export function hostRange(subnet: Subnet): { first: number; last: number } {
  if (subnet.prefix >= 31) return { first: subnet.network, last: subnet.broadcast };
  return { first: subnet.network + 1, last: subnet.broadcast - 1 };
}

/**
 * A certificate fingerprint in the canonical `AB:CD:...` form, from what
 * browsers and `openssl x509 -fingerprint -sha256` print (with or without the
 * `SHA256 Fingerprint=` prefix, colons, spaces, any case), or the SHA-1
 * thumbprint vCenter shows (40 hex digits); null when it is neither.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?(1|256)\s*(fingerprint|thumbprint)?\s*[=:]?\s*/i, '')
    .replace(/[:\s-]/g, '');
  if (!/^([0-9a-f]{64}|[0-9a-f]{40})$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

export function normalizeSha256(text: string): string | null {
  const hex = text.trim();
  return /^[0-9a-f]{64}$/i.test(hex) ? hex.toLowerCase() : null;
}

export const MAX_LABEL_LENGTH = 63;

/** RFC 1123 label: letters, digits, hyphens, not starting or ending with a hyphen. */
export function isDnsLabel(name: string): boolean {
  return name.length <= MAX_LABEL_LENGTH && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(name);
}

/** A DNS-safe spelling of a name, offered in hints; null when nothing usable is left. */
export function dnsSafe(name: string): string | null {
  const safe = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, MAX_LABEL_LENGTH)
    .replace(/-$/, '');
  return safe.length > 0 ? safe : null;
}
