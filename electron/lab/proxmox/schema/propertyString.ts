import type { PropSchema } from './types';

export type PropertyStringResult = { ok: true; values: Record<string, string> } | { ok: false; message: string };

/**
 * Splits a PVE property string (`virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=20`)
 * the way PVE::JSONSchema::parse_property_string does: `key=value` pairs,
 * one bare value for the `default_key`, `alias` keys renamed and `keyAlias`
 * keys recorded (`virtio=MAC` means model=virtio, macaddr=MAC). Values are
 * checked by the caller against the format's properties.
 */
export function parsePropertyString(format: Record<string, PropSchema>, text: string): PropertyStringResult {
  const values: Record<string, string> = {};
  let defaultKey: string | null = null;
  for (const part of text.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const pair = /^([^=]+)=(.+)$/.exec(part);
    if (pair) {
      let key = pair[1] as string;
      const value = pair[2] as string;
      if (values[key] !== undefined) return fail(`duplicate key in comma-separated list property: ${key}`);
      let schema = format[key];
      if (schema?.alias) {
        if (schema.keyAlias) {
          if (values[schema.keyAlias] !== undefined) return fail(`key alias '${schema.keyAlias}' is already defined`);
          values[schema.keyAlias] = key;
        }
        key = schema.alias;
        schema = format[key];
      }
      if (!schema) return fail(`invalid key in comma-separated list property: ${key}`);
      values[key] = value;
    } else if (!part.includes('=')) {
      if (defaultKey !== null) return fail(`duplicate key in comma-separated list property: ${defaultKey}`);
      defaultKey = Object.keys(format).find((key) => format[key]?.default_key) ?? null;
      if (defaultKey === null) return fail('value without key, but schema does not define a default key');
      if (values[defaultKey] !== undefined) return fail(`duplicate key in comma-separated list property: ${defaultKey}`);
      values[defaultKey] = part;
    } else {
      return fail('missing key in comma-separated list property');
    }
  }
  return { ok: true, values };
}

function fail(message: string): PropertyStringResult {
  return { ok: false, message: `${message}\n` };
}

