import { z } from 'zod';
import { findingSchema } from '../plan/findings';
import { planLangs } from '../plan/model';
import { planJsonSchema } from '../plan/planJson';
import { fileChannels } from './fileChannels';
import { rollbackChannels } from './rollbackChannels';
import { secretChannels } from './secretChannels';
import { wizardChannels, wizardPushEvents } from './wizardChannels';
import { createdResourceSchema, engineEventSchema, logLevels, logLineSchema, runSnapshotSchema, runStates, runSummarySchema, stepStates } from '../runModel';

/*
 * The one list of what the renderer may ask and what it is told. Every host
 * parses every payload with these schemas before the engine sees it, so the
 * limits here (lengths, ranges) are the limits of the whole app.
 */

const id = z.string().min(1).max(200);
const runRef = z.object({ runId: id }).strict();
const stepRef = z.object({ runId: id, stepId: z.string().min(1).max(500) }).strict();
const empty = z.object({}).strict();
const done = z.object({}).strict();
const createdResources = z.object({ resources: z.array(createdResourceSchema) });

/** A rehearsal plan with no infrastructure behind it: sleeps, progress, log lines, failures on demand. */
export const demoSourceSchema = z
  .object({
    kind: z.literal('demo'),
    targets: z.number().int().min(1).max(500).default(3),
    stepMs: z.number().int().min(0).max(600_000).default(1500),
    logLinesPerStep: z.number().int().min(0).max(100_000).default(20),
    /** Step id (or its prefix) that fails; `once` fails only the first attempt. */
    failStep: z.string().max(500).optional(),
    failMode: z.enum(['once', 'always']).default('always'),
  })
  .strict();
export type DemoSource = z.infer<typeof demoSourceSchema>;

const filePath = z.string().min(1).max(4096);
export const planProfileChoices = ['auto', 'rackpilot-v1', 'smartx'] as const;

/** A planning workbook deployed for real, or rehearsed on the built-in lab (its endpoints rewritten to the simulators). */
export const workbookSourceSchema = z
  .object({
    kind: z.literal('workbook'),
    path: filePath,
    lab: z.boolean().default(false),
    profile: z.enum(planProfileChoices).default('auto'),
  })
  .strict();
export type WorkbookSource = z.infer<typeof workbookSourceSchema>;

export const runSourceSchema = z.discriminatedUnion('kind', [demoSourceSchema, workbookSourceSchema]);
export type RunSource = z.infer<typeof runSourceSchema>;

/**
 * Where a rehearsal starts: `fresh` (the default) resets the lab first, so
 * every step really runs; `continue` keeps what earlier rehearsals made,
 * whose steps are then found done (adopted). Read when the run starts, never
 * on resume; refused for anything but a lab rehearsal.
 */
export const labModes = ['fresh', 'continue'] as const;
export type LabMode = (typeof labModes)[number];

export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  dataDir: z.string(),
  /** The bundled sample plan per header language, when this build ships it. */
  samplePlans: z.object({ en: z.string(), zh: z.string(), es: z.string() }).nullable(),
});

export const trustPinSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['tls', 'ssh']),
  host: z.string(),
  port: z.number().int(),
  fingerprint: z.string(),
  subject: z.string().nullable(),
  createdAt: z.number(),
});
export type TrustPin = z.infer<typeof trustPinSchema>;

export const importSummarySchema = z.object({
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
  sheets: z.number().int(),
  rows: z.number().int(),
});

/** What the UI may know of a lab endpoint: never its password (the engine passes that along itself). */
export const labEndpointSchema = z.object({
  kind: z.string(),
  url: z.string(),
  username: z.string(),
  fingerprint: z.string(),
});

export const channels = {
  'app:info': { request: empty, reply: appInfoSchema },
  'run:start': {
    request: z
      .object({
        source: runSourceSchema,
        concurrency: z.number().int().min(1).max(64).optional(),
        labMode: z.enum(labModes).optional(),
      })
      .strict(),
    reply: z.object({ runId: z.string() }),
  },
  'run:list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).default(100), states: z.array(z.enum(runStates)).max(10).optional() }).strict(),
    reply: z.array(runSummarySchema),
  },
  'run:get': { request: runRef, reply: runSnapshotSchema },
  'run:logs': {
    request: z
      .object({
        runId: id,
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(50_000).default(5000),
        stepId: z.string().max(500).optional(),
        minLevel: z.enum(logLevels).optional(),
      })
      .strict(),
    reply: z.object({ lines: z.array(logLineSchema), hasMore: z.boolean() }),
  },
  'run:pause': { request: runRef, reply: done },
  'run:resume': { request: runRef, reply: done },
  /** Ends a running, paused or interrupted run; the reply lists what its steps created, which stays behind. */
  'run:cancel': { request: runRef, reply: createdResources },
  /** What a run's steps created so far (asked before cancelling, to show what would stay behind). */
  'run:createdResources': { request: runRef, reply: createdResources },
  /** Each step's outcome as its provider describes it (what it made, addresses, versions): the report's results section. */
  'run:results': {
    request: runRef,
    reply: z.object({
      items: z.array(z.object({ stepId: z.string(), kind: z.enum(['vm', 'image', 'step']), name: z.string(), target: z.string(), status: z.enum(stepStates), fields: z.record(z.string(), z.string()) })),
    }),
  },
  'run:retryStep': { request: stepRef, reply: done },
  'run:skipStep': { request: stepRef, reply: done },
  'plan:import': {
    request: z
      .object({ path: filePath, profile: z.enum(planProfileChoices).default('auto'), lang: z.enum(planLangs).default('en') })
      .strict(),
    reply: z.object({
      profile: z.string(),
      summary: importSummarySchema,
      findings: z.array(findingSchema),
      plan: planJsonSchema.nullable(),
    }),
  },
  'plan:template': {
    request: z.object({ path: filePath, lang: z.enum(planLangs).default('en'), overwrite: z.boolean().default(false) }).strict(),
    reply: z.object({ path: z.string() }),
  },
  'plan:writeResults': {
    request: z.object({ runId: id, path: filePath.optional(), overwrite: z.boolean().default(false), lang: z.enum(planLangs).default('en') }).strict(),
    reply: z.object({ path: z.string() }),
  },
  'lab:start': { request: empty, reply: z.object({ endpoints: z.array(labEndpointSchema) }) },
  'lab:stop': { request: empty, reply: done },
  'lab:status': { request: empty, reply: z.object({ running: z.boolean(), endpoints: z.array(labEndpointSchema) }) },
  'trust:list': { request: empty, reply: z.array(trustPinSchema) },
  'trust:revoke': { request: z.object({ id: z.number().int().min(1) }).strict(), reply: done },
  ...wizardChannels,
  ...fileChannels,
  ...secretChannels,
  ...rollbackChannels,
} as const;

export const pushEvents = {
  'run:events': z.object({ events: z.array(engineEventSchema) }),
  /** Raised by the transport itself (the web bridge on reconnect): events may have been missed, refetch snapshots. */
  'app:connection': z.object({ connected: z.boolean() }),
  ...wizardPushEvents,
} as const;

export type ChannelName = keyof typeof channels;
export type PushEventName = keyof typeof pushEvents;
export type RequestOf<C extends ChannelName> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof channels)[C]['request']>;
export type ValueOf<C extends ChannelName> = z.output<(typeof channels)[C]['reply']>;
export type PayloadOf<E extends PushEventName> = z.output<(typeof pushEvents)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const pushEventNames = Object.keys(pushEvents) as PushEventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isPushEventName(name: unknown): name is PushEventName {
  return typeof name === 'string' && Object.hasOwn(pushEvents, name);
}
