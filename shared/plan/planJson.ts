import { z } from 'zod';
import type { CellRef, Plan } from './model';
import { REDACTED, Secret } from './secret';

/*
 * The plan as data: what Rackpilot understood, value by value, each with
 * the cell it came from. This is what `rackpilot plan FILE --json` prints
 * and what crosses to the renderer. Secrets are the redaction marker; a
 * value without a source is a default.
 *
 *   { "vms": [ { "memoryMiB": { "value": 4096, "source": "VMs!F7" }, ...,
 *                "origin": "VMs!A7:K7" } ] }
 */

export const PLAN_JSON_FORMAT = 'rackpilot-plan';
export const PLAN_JSON_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface SourcedValueJson {
  value: JsonValue;
  /** `Sheet!C5`, or null for a default. */
  source: string | null;
}
export type EntityJson = { origin: string | null } & { [field: string]: SourcedValueJson | string | null };

export interface PlanJson {
  format: typeof PLAN_JSON_FORMAT;
  version: typeof PLAN_JSON_VERSION;
  profile: string;
  sourcePath: string;
  project: EntityJson;
  endpoints: EntityJson[];
  jumpHosts: EntityJson[];
  networks: EntityJson[];
  images: EntityJson[];
  vms: EntityJson[];
  scripts: EntityJson[];
  hosts: EntityJson[];
  clusters: EntityJson[];
  flavors: EntityJson[];
  availabilityZones: EntityJson[];
  keyPairs: EntityJson[];
  securityGroups: EntityJson[];
  securityGroupRules: EntityJson[];
  slices: EntityJson[];
  extensions: Record<string, JsonValue>;
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
const sourcedValue = z.object({ value: jsonValue, source: z.string().nullable() });
const entityJson = z.record(z.string(), z.union([sourcedValue, z.string(), z.null()]));

/** For contract replies carrying a plan. */
export const planJsonSchema = z.object({
  format: z.literal(PLAN_JSON_FORMAT),
  version: z.literal(PLAN_JSON_VERSION),
  profile: z.string(),
  sourcePath: z.string(),
  project: entityJson,
  endpoints: z.array(entityJson),
  jumpHosts: z.array(entityJson),
  networks: z.array(entityJson),
  images: z.array(entityJson),
  vms: z.array(entityJson),
  scripts: z.array(entityJson),
  hosts: z.array(entityJson),
  clusters: z.array(entityJson),
  // Absent in plans serialized before OpenStack joined the model.
  flavors: z.array(entityJson).default([]),
  availabilityZones: z.array(entityJson).default([]),
  keyPairs: z.array(entityJson).default([]),
  securityGroups: z.array(entityJson).default([]),
  securityGroupRules: z.array(entityJson).default([]),
  slices: z.array(entityJson).default([]),
  extensions: z.record(z.string(), jsonValue),
});

export function formatCellRef(ref: CellRef | null | undefined): string | null {
  if (!ref) return null;
  return ref.cell ? `${ref.sheet}!${ref.cell}` : ref.sheet;
}

function isSourced(value: object): value is { src: Record<string, CellRef | undefined>; origin: CellRef | null } {
  return 'src' in value && 'origin' in value && typeof (value as { src: unknown }).src === 'object';
}

/** Any value as JSON: Secrets redacted, dates as ISO text, sourced entities expanded. */
export function toJsonValue(value: unknown): JsonValue {
  if (value instanceof Secret) return REDACTED;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    if (isSourced(value)) return entityToJson(value) as { [key: string]: JsonValue };
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) result[key] = toJsonValue(item);
    return result;
  }
  return null;
}

export function entityToJson(entity: object & { src: Record<string, CellRef | undefined>; origin: CellRef | null }): EntityJson {
  const result: EntityJson = { origin: formatCellRef(entity.origin) };
  for (const [field, value] of Object.entries(entity)) {
    if (field === 'src' || field === 'origin' || field === 'cells') continue;
    result[field] = { value: toJsonValue(value), source: formatCellRef(entity.src[field]) };
  }
  return result;
}

/** The normalized plan with every value and its `sheet!cell`; no secret survives in clear text. */
export function planToJson(plan: Plan): PlanJson {
  const extensions: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(plan.extensions)) extensions[key] = toJsonValue(value);
  return {
    format: PLAN_JSON_FORMAT,
    version: PLAN_JSON_VERSION,
    profile: plan.profile,
    sourcePath: plan.sourcePath,
    project: entityToJson(plan.project),
    endpoints: plan.endpoints.map(entityToJson),
    jumpHosts: plan.jumpHosts.map(entityToJson),
    networks: plan.networks.map(entityToJson),
    images: plan.images.map(entityToJson),
    vms: plan.vms.map(entityToJson),
    scripts: plan.scripts.map(entityToJson),
    hosts: plan.hosts.map(entityToJson),
    clusters: plan.clusters.map(entityToJson),
    flavors: plan.flavors.map(entityToJson),
    availabilityZones: plan.availabilityZones.map(entityToJson),
    keyPairs: plan.keyPairs.map(entityToJson),
    securityGroups: plan.securityGroups.map(entityToJson),
    securityGroupRules: plan.securityGroupRules.map(entityToJson),
    slices: plan.slices.map(entityToJson),
    extensions,
  };
}
