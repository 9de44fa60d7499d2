import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isoSeconds, type Cloud } from './cloud';
import { parseCidr, numberToIp } from './ipam';

/*
 * What a rehearsal's plan expects to find in the cloud before it runs: flavors
 * and images that already exist, networks it reuses, a quota. The lab refuses
 * malformed data here, naming the field.
 */
const name = z.string().min(1).max(255);

export const openStackPreparationSchema = z
  .object({
    flavors: z.array(z.object({ name, vcpus: z.number().int().min(1), ram: z.number().int().min(1), disk: z.number().int().min(0) }).strict()).default([]),
    images: z.array(z.object({ name, diskFormat: z.enum(['raw', 'qcow2', 'iso', 'vmdk', 'vdi', 'vhd', 'vhdx']).default('qcow2'), content: z.string().max(1_000_000).default('') }).strict()).default([]),
    networks: z.array(z.object({ name, cidr: z.string().refine((cidr) => parseCidr(cidr) !== null, 'an IPv4 CIDR such as 10.0.0.0/24').optional() }).strict()).default([]),
    quota: z.object({ instances: z.number().int().min(-1), cores: z.number().int().min(-1), ram: z.number().int().min(-1) }).partial().strict().optional(),
  })
  .strict();

export type OpenStackPreparation = z.output<typeof openStackPreparationSchema>;

export function parseOpenStackPreparation(preparation: unknown): OpenStackPreparation {
  const parsed = openStackPreparationSchema.safeParse(preparation ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
  throw new Error(`openstack lab: the preparation's ${field || 'root'} is invalid: ${issue.message}.`);
}

/** Adds what the preparation names and the cloud lacks (by name); returns how many objects it made. */
export function applyPreparation(cloud: Cloud, preparation: OpenStackPreparation): number {
  let made = 0;
  const stamp = isoSeconds();
  for (const flavor of preparation.flavors) {
    if ([...cloud.flavors.values()].some((existing) => existing.name === flavor.name)) continue;
    const id = randomUUID();
    cloud.flavors.set(id, { id, ...flavor, ephemeral: 0, swap: 0, isPublic: true });
    made++;
  }
  for (const image of preparation.images) {
    if ([...cloud.images.values()].some((existing) => existing.name === image.name)) continue;
    const data = Buffer.from(image.content);
    const id = randomUUID();
    cloud.images.set(id, { id, name: image.name, diskFormat: image.diskFormat, containerFormat: 'bare', visibility: 'shared', status: 'active', size: data.length, virtualSize: null, checksum: createHash('md5').update(data).digest('hex'), osHashValue: createHash('sha512').update(data).digest('hex'), minRam: 0, minDisk: 0, tags: [], created: stamp, updated: stamp, data, staged: null, imported: false });
    made++;
  }
  for (const network of preparation.networks) {
    if ([...cloud.networks.values()].some((existing) => existing.name === network.name)) continue;
    const id = randomUUID();
    const subnets: string[] = [];
    const range = network.cidr ? parseCidr(network.cidr) : null;
    if (range) {
      const subnetId = randomUUID();
      cloud.subnets.set(subnetId, { id: subnetId, name: `${network.name}-subnet`, networkId: id, cidr: network.cidr!, ipVersion: 4, gatewayIp: numberToIp(range.base + 1), enableDhcp: true, dnsNameservers: [], allocationPools: [{ start: numberToIp(range.base + 2), end: numberToIp(range.base + range.size - 2) }], created: stamp, updated: stamp });
      subnets.push(subnetId);
    }
    cloud.networks.set(id, { id, name: network.name, segmentationId: cloud.segmentId(), created: stamp, updated: stamp, revision: 1, subnets, adminStateUp: true, shared: false, external: false, mtu: 1450 });
    made++;
  }
  if (preparation.quota) Object.assign(cloud.quota, preparation.quota);
  return made;
}
