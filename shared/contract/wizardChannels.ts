import { z } from 'zod';
import { planLangs } from '../plan/model';
import { textRefSchema } from '../i18n/textRef';
import { defaultStepConcurrency, stepTitleFields } from '../runModel';

/*
 * Channels the wizard needs beyond runs: getting a workbook in (dialog,
 * upload, recent files, change watch), checking endpoints before a run
 * (preflight, trust), reviewing the graph, exporting what a run left, and
 * settings. Merged into `channels` in channels.ts; kept apart to stay small.
 */

const filePath = z.string().min(1).max(4096);
const id = z.string().min(1).max(200);
const empty = z.object({}).strict();
const done = z.object({}).strict();

/** What the wizard deploys: the same shape as run:start's workbook source, so preflight and review see what the run will. */
export const planRefSchema = z
  .object({
    path: filePath,
    lab: z.boolean().default(false),
    profile: z.enum(['auto', 'rackpilot-v1', 'smartx']).default('auto'),
  })
  .strict();
export type PlanRef = z.infer<typeof planRefSchema>;

/*
 * Where a presented fingerprint stands, decided in this order (see
 * electron/engine/net/trustDecision.ts); 'changed' and 'unexpected' are never
 * merged with 'unknown', because only 'unknown' may be trusted by one click.
 *
 *   workbook names fingerprints? ──yes──> presented among them? ──yes──> trusted (by 'expected')
 *        │ no                                  └──no──> unexpected (refused; fix the workbook)
 *   pins for host:port? ──yes──> presented pinned? ──yes──> trusted (by 'pinned')
 *        │ no                         └──no──> changed (refused; only an explicit replace-pin goes on)
 *   unknown (ask, then pin)
 */
export const trustStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('trusted'), by: z.enum(['expected', 'pinned']) }).strict(),
  z.object({ status: z.literal('unknown') }).strict(),
  z.object({ status: z.literal('changed'), pinned: z.array(z.string()) }).strict(),
  z.object({ status: z.literal('unexpected'), expected: z.array(z.string()) }).strict(),
]);
export type TrustState = z.infer<typeof trustStateSchema>;

export const certificateSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  subject: z.string(),
  issuer: z.string(),
  fingerprint: z.string(),
  /** The SHA-1 thumbprint vCenter shows, to compare with its console; never pinned. */
  sha1Fingerprint: z.string().optional(),
  validFrom: z.string(),
  validTo: z.string(),
  /** `trust.status === 'trusted'`: pinned or expected by the workbook (a CA's signature alone never is). */
  trusted: z.boolean(),
  trust: trustStateSchema,
  /** The chain is valid for the system's CAs and names the host: shown as information only. */
  caValid: z.boolean(),
  /**
   * The platform's own services that presented this same certificate, when they are
   * not the endpoint's address (OpenStack's catalog: Nova, Neutron, Glance on ports of
   * their own); host:port is the first of them. Trusting it pins each one.
   */
  services: z.array(z.object({ service: z.string(), host: z.string(), port: z.number().int() })).optional(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const trustEventSchema = z.object({
  id: z.number().int(),
  at: z.number(),
  action: z.enum(['pinned', 'revoked', 'replaced']),
  kind: z.enum(['tls', 'ssh']),
  host: z.string(),
  port: z.number().int(),
  /** Fingerprints removed by this event ('revoked', 'replaced'). */
  removed: z.array(z.string()),
  /** The fingerprint pinned by this event ('pinned', 'replaced'). */
  added: z.string().nullable(),
});
export type TrustEvent = z.infer<typeof trustEventSchema>;

/** `placement`: folders, resource pools, clusters and port groups the plan names (vCenter). */
export const preflightCheckIds = ['reachable', 'tls', 'login', 'version', 'capacity', 'templates', 'storages', 'placement', 'ips'] as const;
export const preflightStatuses = ['ok', 'warning', 'blocker', 'skipped'] as const;

export const preflightCheckSchema = z.object({
  id: z.enum(preflightCheckIds),
  status: z.enum(preflightStatuses),
  message: z.string(),
  detail: z.string().nullable(),
  /** `message` and `detail` as catalogue text (shared/i18n), said in the reader's language; the strings keep the English. */
  text: textRefSchema.optional(),
  detailText: textRefSchema.optional(),
});

export const nodeCapacitySchema = z.object({
  node: z.string(),
  online: z.boolean(),
  memoryFreeBytes: z.number(),
  memoryTotalBytes: z.number(),
  diskFreeBytes: z.number(),
  diskTotalBytes: z.number(),
});

export const endpointPreflightSchema = z.object({
  name: z.string(),
  kind: z.string(),
  url: z.string(),
  checks: z.array(preflightCheckSchema),
  certificate: certificateSchema.nullable(),
  version: z.string().nullable(),
  nodes: z.array(nodeCapacitySchema),
});
export type EndpointPreflight = z.infer<typeof endpointPreflightSchema>;

/** An SSH host key as the Connect screen shows it; `trust` is decided like a certificate's (`trustStateSchema`). */
export const hostKeySchema = z.object({
  host: z.string(),
  port: z.number().int(),
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `rsa-sha2-512`... */
  keyType: z.string(),
  /** OpenSSH's form: `SHA256:` and unpadded base64, as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
  trusted: z.boolean(),
  trust: trustStateSchema,
});
export type HostKey = z.infer<typeof hostKeySchema>;

export const jumpHostCheckIds = ['reachable', 'hostKey', 'login'] as const;

/** A jump host the plan uses, checked through its Via chain: reachable, host key, one login (never retried). */
export const jumpHostPreflightSchema = z.object({
  name: z.string(),
  address: z.string(),
  port: z.number().int(),
  user: z.string(),
  /** The jump host it is reached through, or null. */
  via: z.string().nullable(),
  checks: z.array(preflightCheckSchema.extend({ id: z.enum(jumpHostCheckIds) })),
  hostKey: hostKeySchema.nullable(),
});
export type JumpHostPreflight = z.infer<typeof jumpHostPreflightSchema>;

export const graphStepSchema = z.object({
  id: z.string(),
  kind: z.string(),
  ...stepTitleFields,
  target: z.string(),
  deps: z.array(z.string()),
});

export const planTotalsSchema = z.object({
  vms: z.number().int(),
  vcpu: z.number().int(),
  memoryMiB: z.number(),
  diskGiB: z.number(),
  uploadBytes: z.number(),
  steps: z.number().int(),
  /** A rough range (whole seconds) from past durations per step kind, or guesses, and the concurrency. */
  estimate: z.object({
    lowSeconds: z.number().nonnegative(),
    highSeconds: z.number().nonnegative(),
    basis: z.discriminatedUnion('source', [z.object({ source: z.literal('history'), runs: z.number().int().positive() }), z.object({ source: z.literal('defaults') })]),
  }),
});

/**
 * One limit a provider's steps keep on a platform, for the review: at most
 * `limit` of `work` at once per `per` (a datastore, a node, a node's
 * storage). `node`/`storage` null: the one the step finds when it runs (the
 * template's storage, the node it chooses). `steps` are the ids sharing it.
 */
export const parallelLimitSchema = z.object({
  endpoint: z.string(),
  work: z.enum(['clone', 'upload', 'task']),
  per: z.enum(['datastore', 'node', 'nodeStorage']),
  node: z.string().nullable(),
  storage: z.string().nullable(),
  limit: z.number().int().positive(),
  steps: z.array(z.string()),
});
export type ParallelLimit = z.infer<typeof parallelLimitSchema>;

/** What runs at the same time: up to `concurrency` steps of the run, and within that the providers' limits. */
export const planParallelSchema = z.object({ concurrency: z.number().int().positive(), limits: z.array(parallelLimitSchema) });

export const settingsSchema = z.object({
  language: z.enum(planLangs),
  theme: z.enum(['system', 'light', 'dark']),
  concurrency: z.number().int().min(1).max(64),
  recentFiles: z.array(filePath).max(10),
});
export type Settings = z.infer<typeof settingsSchema>;

export const wizardChannels = {
  /** Native file dialog (desktop); the web host answers `unsupported` and the UI offers upload or a typed path. */
  'dialog:openWorkbook': { request: empty, reply: z.object({ path: filePath.nullable() }) },
  'dialog:saveFile': {
    request: z.object({ suggestedName: z.string().min(1).max(255), kind: z.enum(['xlsx', 'html', 'tar.gz']) }).strict(),
    reply: z.object({ path: filePath.nullable() }),
  },
  /** A workbook sent from the browser in chunks (the web host cannot see the user's paths); the last chunk returns where it was saved. */
  'plan:upload': {
    request: z
      .object({
        uploadId: z.string().regex(/^[a-z0-9-]{8,64}$/),
        name: z.string().min(1).max(255),
        offset: z.number().int().min(0).max(100 * 1024 * 1024),
        chunkBase64: z.string().max(700_000),
        final: z.boolean(),
      })
      .strict(),
    reply: z.object({ received: z.number().int(), path: filePath.nullable() }),
  },
  /** Watch a workbook for changes (one at a time); 'plan:changed' fires when it is saved again. */
  'plan:watch': { request: z.object({ path: filePath.nullable() }).strict(), reply: done },
  'plan:graph': {
    request: z.object({ plan: planRefSchema, concurrency: z.number().int().min(1).max(64).default(defaultStepConcurrency) }).strict(),
    reply: z.object({ planName: z.string(), environment: z.string(), rehearsal: z.boolean(), steps: z.array(graphStepSchema), totals: planTotalsSchema, parallel: planParallelSchema }),
  },
  'preflight:run': {
    /** `endpoint` checks that endpoint only (no jump host); `jumpHost` that jump host only (no endpoint); neither checks everything. */
    request: z.object({ plan: planRefSchema, endpoint: z.string().max(200).optional(), jumpHost: z.string().max(200).optional() }).strict(),
    reply: z.object({ endpoints: z.array(endpointPreflightSchema), jumpHosts: z.array(jumpHostPreflightSchema).default([]) }),
  },
  'trust:accept': {
    request: z.object({ kind: z.enum(['tls', 'ssh']), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), fingerprint: z.string().min(1).max(200), subject: z.string().max(2000).nullable() }).strict(),
    reply: done,
  },
  /**
   * The only way past a changed pin: revokes every pin of kind/host:port and
   * pins `fingerprint`. `confirmation` is what the user typed: the host name
   * or the last 4 hex digits of the new fingerprint (shared/trustConfirmation.ts).
   */
  'trust:replace': {
    request: z
      .object({
        kind: z.enum(['tls', 'ssh']),
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        fingerprint: z.string().min(1).max(200),
        subject: z.string().max(2000).nullable(),
        confirmation: z.string().max(300),
      })
      .strict(),
    reply: trustEventSchema,
  },
  /** The audit trail of pins added, revoked and replaced, newest first. */
  'trust:events': { request: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), reply: z.array(trustEventSchema) },
  'run:exportLogs': { request: z.object({ runId: id, path: filePath.optional() }).strict(), reply: z.object({ path: z.string() }) },
  'run:exportReport': { request: z.object({ runId: id, path: filePath.optional() }).strict(), reply: z.object({ path: z.string() }) },
  'settings:get': { request: empty, reply: settingsSchema },
  'settings:set': { request: settingsSchema.partial().strict(), reply: settingsSchema },
} as const;

export const wizardPushEvents = {
  'plan:changed': z.object({ path: z.string() }),
} as const;
