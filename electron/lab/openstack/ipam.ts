import { isIPv4 } from 'node:net';
import { randomUUID } from 'node:crypto';
import { isoSeconds, macAddress, type Cloud, type Port, type Subnet } from './cloud';

/* IPv4 address handling for subnets and ports, as Neutron's IPAM does it: gateway first, then pools from the next address. */

export const ipToNumber = (ip: string): number => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
export const numberToIp = (value: number): string => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** `{base, size}` of a CIDR, or null when it is not one (Neutron: "... is not in a CIDR format."). */
export function parseCidr(cidr: string): { base: number; size: number } | null {
  const [ip, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  if (!ip || !isIPv4(ip) || prefixText === undefined || !/^\d+$/.test(prefixText) || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipToNumber(ip) / size) * size, size };
}

export const inCidr = (ip: string, cidr: string): boolean => {
  const range = parseCidr(cidr);
  return range !== null && isIPv4(ip) && ipToNumber(ip) >= range.base && ipToNumber(ip) < range.base + range.size;
};

function used(cloud: Cloud, subnet: Subnet): Set<string> {
  const taken = new Set<string>();
  for (const port of cloud.ports.values()) for (const fixed of port.fixedIps) if (fixed.subnet_id === subnet.id) taken.add(fixed.ip_address);
  return taken;
}

export function isAllocated(cloud: Cloud, subnet: Subnet, ip: string): boolean {
  return used(cloud, subnet).has(ip);
}

export function nextFreeIp(cloud: Cloud, subnet: Subnet): string | null {
  const taken = used(cloud, subnet);
  for (const pool of subnet.allocationPools) {
    for (let value = ipToNumber(pool.start); value <= ipToNumber(pool.end); value++) {
      const ip = numberToIp(value);
      if (!taken.has(ip) && ip !== subnet.gatewayIp) return ip;
    }
  }
  return null;
}

/** A port on `networkId` with an address from each of its subnets (or the ones asked for). */
export function makePort(cloud: Cloud, fields: { networkId: string; name?: string; fixedIps?: { subnet_id: string; ip_address: string }[]; deviceId?: string; deviceOwner?: string }): Port {
  const network = cloud.networks.get(fields.networkId)!;
  const fixedIps = fields.fixedIps ?? network.subnets.flatMap((id) => {
    const subnet = cloud.subnets.get(id)!;
    const ip = nextFreeIp(cloud, subnet);
    return ip ? [{ subnet_id: id, ip_address: ip }] : [];
  });
  const now = isoSeconds();
  const defaultGroup = [...cloud.securityGroups.values()].find((group) => group.name === 'default');
  const port: Port = { id: randomUUID(), name: fields.name ?? '', networkId: fields.networkId, mac: macAddress(), fixedIps, deviceId: fields.deviceId ?? '', deviceOwner: fields.deviceOwner ?? '', securityGroups: defaultGroup ? [defaultGroup.id] : [], created: now, updated: now, status: 'DOWN' };
  cloud.ports.set(port.id, port);
  return port;
}
