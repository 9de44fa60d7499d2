import { z } from 'zod';

const name = z.string().min(1).max(128);
const gib = 1024 ** 3;

const hostSchema = z
  .object({
    // A label as SMTX OS shows it: workbooks name hosts and clusters freely (Chinese, spaces, underscores).
    name,
    cpuCores: z.number().int().min(1).max(1024),
    cpuUsagePercent: z.number().min(0).max(100),
    memoryBytes: z.number().int().min(gib),
    memoryUsedBytes: z.number().int().min(0),
  })
  .strict()
  .refine((host) => host.memoryUsedBytes <= host.memoryBytes, { message: 'memoryUsedBytes exceeds memoryBytes', path: ['memoryUsedBytes'] });

const defaultHosts = [1, 2, 3].map((index) => ({
  name: `smtx-node-${index}`,
  cpuCores: 32,
  cpuUsagePercent: 15 + index * 5,
  memoryBytes: 256 * gib,
  memoryUsedBytes: 64 * gib,
}));

/**
 * What a rehearsal's plan needs the SMTX OS cluster to hold, checked like
 * any outside input: network, storage policy and host names as the workbook
 * spells them. Every field has the lab's default (README.md).
 */
export const smartxPreparationSchema = z
  .object({
    cluster: z
      .object({ name: name.default('smtx-cluster'), vip: z.string().min(1).max(64).default('127.0.0.1') })
      .strict()
      .default({ name: 'smtx-cluster', vip: '127.0.0.1' }),
    storagePolicies: z.array(name).min(1).max(64).default(['default']),
    vds: z
      .array(
        z
          .object({
            name,
            ovsbrName: z.string().regex(/^[A-Za-z0-9_-]{1,15}$/, 'must be an OVS bridge name (at most 15 characters)').optional(),
            vlans: z.array(z.object({ name, vlanId: z.number().int().min(0).max(4094) }).strict()).max(4094).default([]),
          })
          .strict(),
      )
      .min(1)
      .max(64)
      .default([{ name: 'VDS-MGT', vlans: [{ name: 'default', vlanId: 0 }] }]),
    hosts: z.array(hostSchema).min(1).max(255).default(defaultHosts),
    images: z.array(z.object({ name, size: z.number().int().min(1) }).strict()).max(256).default([]),
    tower: z
      .object({
        sshUser: z.string().regex(/^[A-Za-z_][A-Za-z0-9._-]{0,31}$/, 'must be a user name').default('smartx'),
        sshPassword: z.string().min(1).max(1024).optional(),
      })
      .strict()
      .default({ sshUser: 'smartx' }),
  })
  .strict();

export type SmartxPreparation = z.output<typeof smartxPreparationSchema>;

/** Parses a preparation; the error names the field (`smartx lab: vds.0.vlans.1.vlanId: ...`). */
export function parseSmartxPreparation(input: unknown): SmartxPreparation {
  const result = smartxPreparationSchema.safeParse(input ?? {});
  if (result.success) {
    const names = new Set<string>();
    for (const [index, policy] of result.data.storagePolicies.entries()) {
      if (names.has(policy)) throw new Error(`smartx lab: storagePolicies.${index}: repeats "${policy}"`);
      names.add(policy);
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  throw new Error(`smartx lab: ${issue?.path.join('.') || 'preparation'}: ${issue?.message ?? 'invalid'}`);
}
