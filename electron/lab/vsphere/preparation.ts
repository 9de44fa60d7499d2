import { z } from 'zod';

/*
 * What a rehearsal's plan needs in the simulated vCenter (README.md). The
 * lab refuses malformed data here, naming the field, before vcsim-lab sees it.
 */
const name = z.string().min(1).max(80);

export const vsphereLabPreparationSchema = z
  .object({
    datacenter: name,
    clusters: z.array(z.object({ name, hosts: z.number().int().min(1).max(32).optional() }).strict()).min(1),
    datastores: z
      .array(z.object({ name, capacityGiB: z.number().positive().optional(), freeGiB: z.number().min(0).optional() }).strict())
      .min(1),
    networks: z.array(
      z.object({ name, kind: z.enum(['portgroup', 'dvportgroup']), vds: name.optional(), vlan: z.number().int().min(0).max(4094).optional() }).strict(),
    ),
    folders: z.array(z.string().regex(/^(vm|host|network|datastore)(\/[^/]+)+$/, 'a folder path under vm/, host/, network/ or datastore/')),
    resourcePools: z.array(z.object({ cluster: name, path: z.string().regex(/^[^/]+(\/[^/]+)*$/, 'a pool path such as pool-a/child') }).strict()),
    templates: z.array(
      z.object({ name, guestId: name.optional(), os: z.enum(['linux', 'windows']), datastore: name.optional(), network: name.optional() }).strict(),
    ),
  })
  .strict()
  .superRefine((prep, ctx) => {
    const clusters = new Set(prep.clusters.map((cluster) => cluster.name));
    const datastores = new Set(prep.datastores.map((datastore) => datastore.name));
    const networks = new Set(prep.networks.map((network) => network.name));
    prep.resourcePools.forEach((pool, i) => {
      if (!clusters.has(pool.cluster)) ctx.addIssue({ code: 'custom', path: ['resourcePools', i, 'cluster'], message: `no cluster named ${pool.cluster}` });
    });
    prep.templates.forEach((template, i) => {
      if (template.datastore && !datastores.has(template.datastore))
        ctx.addIssue({ code: 'custom', path: ['templates', i, 'datastore'], message: `no datastore named ${template.datastore}` });
      if (template.network && !networks.has(template.network))
        ctx.addIssue({ code: 'custom', path: ['templates', i, 'network'], message: `no network named ${template.network}` });
    });
  });

export type VsphereLabPreparation = z.infer<typeof vsphereLabPreparationSchema>;

/** The preparation, or an error naming the first bad field (`templates[0].os: ...`). */
export function parseVspherePreparation(preparation: unknown): VsphereLabPreparation {
  const parsed = vsphereLabPreparationSchema.safeParse(preparation);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
  throw new Error(`vsphere lab: the preparation's ${field || 'root'} is invalid: ${issue.message}.`);
}
