import { z } from 'zod';
import { planLangs } from '../plan/model';
import { stepTitleFields } from '../runModel';

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

export const certificateSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  subject: z.string(),
  issuer: z.string(),
  fingerprint: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** Pinned, expected by the workbook, or valid for the system's CAs. */
  trusted: z.boolean(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const preflightCheckIds = ['reachable', 'tls', 'login', 'version', 'capacity', 'templates', 'storages', 'ips'] as const;
export const preflightStatuses = ['ok', 'warning', 'blocker', 'skipped'] as const;

export const preflightCheckSchema = z.object({
  id: z.enum(preflightCheckIds),
  status: z.enum(preflightStatuses),
  message: z.string(),
  detail: z.string().nullable(),
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
  /** A rough estimate from per-kind typical durations and the concurrency. */
  estimatedMs: z.number(),
});

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
    request: z.object({ plan: planRefSchema, concurrency: z.number().int().min(1).max(64).default(4) }).strict(),
    reply: z.object({ planName: z.string(), environment: z.string(), rehearsal: z.boolean(), steps: z.array(graphStepSchema), totals: planTotalsSchema }),
  },
  'preflight:run': {
    request: z.object({ plan: planRefSchema, endpoint: z.string().max(200).optional() }).strict(),
    reply: z.object({ endpoints: z.array(endpointPreflightSchema) }),
  },
  'trust:accept': {
    request: z.object({ kind: z.enum(['tls', 'ssh']), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535), fingerprint: z.string().min(1).max(200), subject: z.string().max(2000).nullable() }).strict(),
    reply: done,
  },
  'run:exportLogs': { request: z.object({ runId: id, path: filePath.optional() }).strict(), reply: z.object({ path: z.string() }) },
  'run:exportReport': { request: z.object({ runId: id, path: filePath.optional() }).strict(), reply: z.object({ path: z.string() }) },
  'settings:get': { request: empty, reply: settingsSchema },
  'settings:set': { request: settingsSchema.partial().strict(), reply: settingsSchema },
} as const;

export const wizardPushEvents = {
  'plan:changed': z.object({ path: z.string() }),
} as const;
