/**
 * The little IPv4 arithmetic slice expansion needs (carving /29 links out of
 * a pool). Shared code cannot reach the engine's parser, and slices only
 * ever hold CIDRs the validator has already accepted, so this stays strict
 * and small: dotted quad, prefix length, no masks.
 */
export interface Cidr {
  network: number;
  prefix: number;
}

export function parseIpv4(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** `10.60.0.0/24` -> its network (host bits cleared) and prefix; null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || prefixText === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefixText)) return null;
  const ip = parseIpv4(address);
  const prefix = Number(prefixText);
  if (ip === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { network: Math.floor(ip / size) * size, prefix };
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network < b.network + cidrSize(b) && b.network < a.network + cidrSize(a);
}
