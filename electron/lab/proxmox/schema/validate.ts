import { checkNamedFormat, propertyStringFormats } from './formats';
import { parsePropertyString } from './propertyString';
import type { PropSchema } from './types';

export type ParamValue = string | number | boolean;
export type ParamErrors = Record<string, string>;
export type Validation = { ok: true; params: Record<string, ParamValue> } | { ok: false; errors: ParamErrors };

// Highest index + 1 of PVE's numbered options (`net[n]` stands for net0..net31).
const indexedLimits: Record<string, number> = {
  net: 32, ipconfig: 32, scsi: 31, virtio: 16, sata: 6, ide: 4, unused: 256, hostpci: 16, usb: 14,
  serial: 4, parallel: 3, numa: 8, virtiofs: 10, mp: 256,
};

/**
 * Checks request parameters against a method's `parameters` schema the way
 * PVE::JSONSchema::validate does, with PVE's messages: missing required
 * properties, properties not in the schema, types, bounds, enums, patterns,
 * formats (including property strings) and `requires`. Returns the values
 * converted to their types (integers and numbers as numbers, booleans as
 * booleans, everything else as strings).
 */
export function validateParameters(schema: PropSchema, input: Record<string, unknown>): Validation {
  const errors: ParamErrors = {};
  const params = checkObject('', schema.properties ?? {}, schema.additionalProperties === 1, input, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}

/** The schema entry for a property name, resolving numbered names like `net0`. */
function schemaFor(properties: Record<string, PropSchema>, key: string): PropSchema | undefined {
  const direct = properties[key];
  if (direct) return direct;
  const match = /^([a-z_-]+?)(\d+)$/i.exec(key);
  if (!match) return undefined;
  const indexed = properties[`${match[1]}[n]`];
  const limit = indexedLimits[match[1] as string] ?? 256;
  return indexed && Number(match[2]) < limit && !/^0\d/.test(match[2] as string) ? indexed : undefined;
}

function checkObject(
  path: string,
  properties: Record<string, PropSchema>,
  additional: boolean,
  input: Record<string, unknown>,
  errors: ParamErrors,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const [key, schema] of Object.entries(properties)) {
    if (key.endsWith('[n]') || schema.alias) continue;
    if (input[key] === undefined || input[key] === null) {
      if (!schema.optional) errors[at(key)] = 'property is missing and it is not optional';
    }
  }
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const schema = schemaFor(properties, key);
    if (!schema) {
      if (!additional) errors[at(key)] = 'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    const checked = checkProp(at(key), schema, value, errors);
    if (checked !== undefined) out[key] = checked;
    if (schema.requires && (input[schema.requires] === undefined || input[schema.requires] === null)) {
      errors[at(schema.requires)] = `missing property - '${key}' requires this property`;
    }
  }
  return out;
}

const integerRe = /^[+-]?\d+$/;
const numberRe = /^[+-]?(\d+|\d+\.\d*|\d*\.\d+)([eE][+-]?\d+)?$/;

function checkType(path: string, type: PropSchema['type'], value: unknown, errors: ParamErrors): ParamValue | undefined {
  const shown = typeof value === 'object' ? (Array.isArray(value) ? 'ARRAY' : 'HASH') : String(value);
  const failed = () => {
    errors[path] = `type check ('${type}') failed - got '${shown}'`;
    return undefined;
  };
  if (typeof value === 'object') return failed();
  const text = String(value);
  switch (type) {
    case 'integer':
      return typeof value !== 'boolean' && integerRe.test(text.trim()) ? Number(text) : failed();
    case 'number':
      return typeof value !== 'boolean' && numberRe.test(text.trim()) ? Number(text) : failed();
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (/^(1|true|yes|on)$/i.test(text)) return true;
      if (/^(0|false|no|off)$/i.test(text)) return false;
      return failed();
    case 'string':
      return typeof value === 'boolean' ? failed() : text;
    default:
      return text;
  }
}

function checkProp(path: string, schema: PropSchema, value: unknown, errors: ParamErrors): ParamValue | undefined {
  const typed = checkType(path, schema.type ?? 'string', value, errors);
  if (typed === undefined) return undefined;
  const text = String(typed === true ? 1 : typed === false ? 0 : typed);
  const fail = (message: string) => {
    errors[path] = message;
    return undefined;
  };
  if (schema.maxLength !== undefined && text.length > schema.maxLength) return fail(`value may only be ${schema.maxLength} characters long`);
  if (schema.minLength !== undefined && text.length < schema.minLength) return fail(`value must be at least ${schema.minLength} characters long`);
  if (numberRe.test(text)) {
    if (schema.minimum !== undefined && Number(text) < Number(schema.minimum)) return fail(`value must have a minimum value of ${schema.minimum}`);
    if (schema.maximum !== undefined && Number(text) > Number(schema.maximum)) return fail(`value must have a maximum value of ${schema.maximum}`);
  }
  if (schema.enum && !schema.enum.includes(text)) {
    return fail(`value '${text}' does not have a value in the enumeration '${schema.enum.join(', ')}'`);
  }
  if (schema.pattern !== undefined && !matchesPattern(schema.pattern, text)) return fail('value does not match the regex pattern');
  if (schema.format !== undefined) {
    const error = checkFormat(path, schema.format, text);
    if (error) return fail(`invalid format - ${error}`);
  }
  return typed;
}

function checkFormat(path: string, format: NonNullable<PropSchema['format']>, text: string): string | null {
  const propertyFormat = typeof format === 'string' ? propertyStringFormats[format] : format;
  if (!propertyFormat) return checkNamedFormat(format as string, text);
  const parsed = parsePropertyString(propertyFormat, text);
  if (!parsed.ok) return parsed.message;
  const nested: ParamErrors = {};
  checkObject(path, propertyFormat, false, parsed.values, nested);
  const lines = Object.entries(nested).map(([key, message]) => `${key}: ${message.trimEnd()}\n`);
  return lines.length > 0 ? `format error\n${lines.join('')}` : null;
}

const patternCache = new Map<string, RegExp | null>();

/** PVE anchors patterns (`m/^$pattern$/`); Perl syntax the JS engine cannot read is not checked. */
function matchesPattern(pattern: string, text: string): boolean {
  if (!patternCache.has(pattern)) {
    let compiled: RegExp | null = null;
    try {
      compiled = new RegExp(`^(?:${pattern})$`);
    } catch {
      compiled = null;
    }
    patternCache.set(pattern, compiled);
  }
  const re = patternCache.get(pattern);
  return re ? re.test(text) : true;
}
