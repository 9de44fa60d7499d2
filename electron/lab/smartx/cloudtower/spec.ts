import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import subsetJson from './specSubset.json';

/*
 * The CloudTower operations the lab implements, checked against the vendor's
 * OpenAPI 3.0 spec (the committed subset, see extractSpec.mjs) with ajv, a
 * real JSON-schema validator. OpenAPI 3.0's `nullable` is not JSON Schema,
 * so it is rewritten once at load into `null` being allowed.
 */

// ajv is CommonJS: under a bundler its default export is the class, under plain ESM it sits on `.default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;

interface Operation {
  post: {
    requestBody?: { required?: boolean; content: { 'application/json': { schema: unknown } } };
    responses: Record<string, { content?: { 'application/json'?: { schema: unknown } } }>;
    security?: Record<string, unknown>[];
  };
}

const subset = subsetJson as unknown as { paths: Record<string, Operation>; components: { schemas: Record<string, unknown> } };

/** OpenAPI 3.0 -> JSON Schema: `nullable: true` becomes "or null"; `$ref`s point into the registered document. */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(rest)) {
    if (key === '$ref' && typeof inner === 'string') out.$ref = inner.replace('#/components/schemas/', 'cloudtower#/components/schemas/');
    else out[key] = key === 'properties' ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([name, schema]) => [name, toJsonSchema(schema)])) : toJsonSchema(inner);
  }
  if (nullable !== true) return out;
  if (typeof out.type === 'string' && !out.enum) return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

// The where-inputs reach about 200 mutually recursive schemas: without the optimiser pass and with refs as
// separate functions, compiling them all costs a fraction of the time (measured: 13.6 s -> 4.8 s on a loaded machine).
const ajv = new Ajv({ strict: false, allErrors: false, inlineRefs: false, code: { optimize: false }, formats: { int32: true, int64: true, double: true, float: true } });
ajv.addSchema({ components: { schemas: toJsonSchema(subset.components.schemas) } }, 'cloudtower');

const compiled = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: unknown): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(toJsonSchema(schema) as object)));
  return validate;
}

export const operations = (): string[] => Object.keys(subset.paths);

let warmed = false;
/**
 * Compiles every request validator now (once per process): called when the
 * service comes up, like CloudTower's own start after the installer, so the
 * first get-* call does not stall the lab's event loop for seconds.
 */
export function warmUpValidators(): void {
  if (warmed) return;
  warmed = true;
  for (const path of Object.keys(subset.paths)) checkRequest(path, {});
}

export function isOperation(path: string): boolean {
  return Object.hasOwn(subset.paths, path);
}

/** Whether the spec lists the `Authorization` scheme for the operation (create-root-user and login have none). */
export function needsAuthorization(path: string): boolean {
  return (subset.paths[path]?.post.security ?? []).some((scheme) => 'Authorization' in scheme);
}

export type SpecVerdict = { ok: true } | { ok: false; message: string };

function describe(errors: ErrorObject[] | null | undefined, what: string): string {
  const error = errors?.[0];
  if (!error) return `${what} does not match the spec`;
  const where = error.instancePath ? `${what}${error.instancePath.replace(/\//g, '.')}` : what;
  const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : error.keyword === 'enum' ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

/** A request body against the operation's `requestBody` schema; an operation without one takes no body (or `{}`). */
export function checkRequest(path: string, body: unknown): SpecVerdict {
  const operation = subset.paths[path];
  if (!operation) return { ok: false, message: `no operation ${path}` };
  const request = operation.post.requestBody;
  if (!request) return { ok: true };
  if (body === undefined) return request.required ? { ok: false, message: 'request body is required' } : { ok: true };
  const validate = validatorFor(`request ${path}`, request.content['application/json'].schema);
  return validate(body) ? { ok: true } : { ok: false, message: describe(validate.errors, 'body') };
}

/** An answer against the spec's response schema for its status (the lab's own conformance tests). */
export function checkResponse(path: string, status: number, body: unknown): SpecVerdict {
  const schema = subset.paths[path]?.post.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return { ok: false, message: `the spec defines no ${status} answer for ${path}` };
  const validate = validatorFor(`response ${status} ${path}`, schema);
  return validate(body) ? { ok: true } : { ok: false, message: describe(validate.errors, 'response') };
}
