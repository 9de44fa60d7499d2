import { readFileSync } from 'node:fs';
import subsetJson from './pveSchemaSubset.json';
import { extractSubset } from './subsetRules.mjs';
import type { MethodSchema, PropSchema, SchemaSubset } from './types';

/**
 * The methods the lab implements, with `$ref`s resolved. By default the
 * committed subset; `schemaPath` points at a full API viewer schema instead
 * (for checking the lab against another Proxmox VE release).
 */
export function loadSchema(schemaPath?: string): MethodSchema[] {
  const subset: SchemaSubset = schemaPath
    ? extractSubset(JSON.parse(readFileSync(schemaPath, 'utf8')) as unknown)
    : (subsetJson as unknown as SchemaSubset);
  return subset.methods.map((method) => resolveRefs(method, subset.defs) as MethodSchema);
}

function resolveRefs(value: unknown, defs: Record<string, PropSchema>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, defs));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as PropSchema).$ref;
  if (typeof ref === 'string') {
    const target = defs[ref];
    if (!target) throw new Error(`Proxmox schema subset: unknown $ref "${ref}".`);
    return resolveRefs(target, defs);
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = resolveRefs(inner, defs);
  return out;
}
