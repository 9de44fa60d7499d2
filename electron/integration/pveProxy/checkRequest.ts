import { readFileSync } from 'node:fs';
import type { VendoredMethod, VendoredProperty } from './vendorSchema.mjs';

/**
 * Checks one API request against the official PVE schema (the vendored
 * pveApiSchema.json), written apart from the lab's validator so the two do
 * not share mistakes: the method and path must exist, every parameter must
 * be declared (`net[n]` covers net0, net1, ...), have its type, enum,
 * pattern, bounds and `requires`, and no non-optional one may be missing.
 */
export type ParamValue = string | number | boolean;

interface Route {
  method: VendoredMethod;
  pathParams: Record<string, string>;
}

let methods: VendoredMethod[] | null = null;
const loadMethods = (): VendoredMethod[] => (methods ??= JSON.parse(readFileSync(new URL('./pveApiSchema.json', import.meta.url), 'utf8')) as VendoredMethod[]);

export function findRoute(method: string, path: string): Route | null {
  const segments = path.split('/');
  let best: Route | null = null;
  let bestLiterals = -1;
  for (const candidate of loadMethods()) {
    if (candidate.method !== method) continue;
    const template = candidate.path.split('/');
    if (template.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    let literals = 0;
    const matches = template.every((part, index) => {
      const segment = decodeURIComponent(segments[index] as string);
      const variable = /^\{(.+)\}$/.exec(part);
      if (variable) pathParams[variable[1] as string] = segment;
      else literals += 1;
      return variable !== null || part === segment;
    });
    // A literal segment beats a variable (`/nodes/{node}/qemu` before `/nodes/{node}/{x}`), as in PVE's router.
    if (matches && literals > bestLiterals) {
      best = { method: candidate, pathParams };
      bestLiterals = literals;
    }
  }
  return best;
}

function declared(properties: Record<string, VendoredProperty>, name: string): VendoredProperty | undefined {
  if (Object.hasOwn(properties, name)) return properties[name];
  const indexed = /^(.*?)(\d+)$/.exec(name);
  return indexed ? properties[`${indexed[1]}[n]`] : undefined;
}

function typeProblem(prop: VendoredProperty, value: ParamValue): string | null {
  const text = String(value);
  switch (prop.type) {
    case 'integer':
      if (!/^-?\d+$/.test(text)) return `type check ('integer') failed - got '${text}'`;
      break;
    case 'number':
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return `type check ('number') failed - got '${text}'`;
      break;
    case 'boolean':
      if (!/^(1|0|true|false|yes|no|on|off)$/i.test(text)) return `type check ('boolean') failed - got '${text}'`;
      break;
  }
  if (prop.enum && !prop.enum.includes(text)) return `value '${text}' does not have a value in the enumeration '${prop.enum.join(', ')}'`;
  if (prop.pattern && !new RegExp(`^(?:${prop.pattern})$`).test(text)) return `value does not match the regex pattern`;
  if (prop.maxLength !== undefined && text.length > prop.maxLength) return `value may only be ${prop.maxLength} characters long`;
  if (prop.minLength !== undefined && text.length < prop.minLength) return `value must be at least ${prop.minLength} characters long`;
  if (prop.minimum !== undefined && Number(text) < prop.minimum) return `value must have a minimum value of ${prop.minimum}`;
  if (prop.maximum !== undefined && Number(text) > prop.maximum) return `value must have a maximum value of ${prop.maximum}`;
  return null;
}

/** Problems with this request, empty when PVE's schema accepts it. `params` holds query and body parameters (not the path's). */
export function checkRequest(method: string, path: string, params: Record<string, ParamValue>): string[] {
  const route = findRoute(method, path);
  if (!route) return [`${method} ${path}: no such method in the PVE API`];
  const { properties, additionalProperties } = route.method;
  const all: Record<string, ParamValue> = { ...params, ...route.pathParams };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(all)) {
    const prop = declared(properties, name);
    if (!prop) {
      if (!additionalProperties) problems.push(`${name}: property is not defined in schema and the schema does not allow additional properties`);
      continue;
    }
    const problem = typeProblem(prop, value);
    if (problem) problems.push(`${name}: ${problem}`);
    if (prop.requires && all[prop.requires] === undefined) problems.push(`${prop.requires}: missing property - '${name}' requires this property`);
  }
  for (const [name, prop] of Object.entries(properties)) {
    if (!prop.optional && !name.endsWith('[n]') && all[name] === undefined) problems.push(`${name}: property is missing and it is not optional`);
  }
  return problems.map((problem) => `${method} ${route.method.path}: ${problem}`);
}
