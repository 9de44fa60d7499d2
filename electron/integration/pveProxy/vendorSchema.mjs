// Writes pveApiSchema.json: every method of the official Proxmox VE API schema
// (../shared/reference/proxmox-ve-api-schema.json, the API viewer's apidoc)
// with only what request validation needs, so tests run on a clean clone.
// Run: node electron/integration/pveProxy/vendorSchema.mjs [path/to/proxmox-ve-api-schema.json]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Beside the repository (a clone next to ../shared) or beside a worktree of it (../../shared).
export const referencePath = ['../../../../shared', '../../../../../shared']
  .map((up) => join(here, up, 'reference/proxmox-ve-api-schema.json'))
  .find((path) => existsSync(path)) ?? null;
export const fixturePath = join(here, 'pveApiSchema.json');
const kept = ['type', 'enum', 'optional', 'pattern', 'minimum', 'maximum', 'maxLength', 'minLength', 'requires'];

/** One entry per method: `{method, path, additionalProperties, properties}`; `format` kept when it is a name. */
export function vendor(reference) {
  const methods = [];
  const walk = (node) => {
    for (const [method, info] of Object.entries(node.info ?? {})) {
      const properties = {};
      for (const [name, prop] of Object.entries(info.parameters?.properties ?? {})) {
        const slim = {};
        for (const key of kept) if (prop[key] !== undefined) slim[key] = prop[key];
        if (typeof prop.format === 'string') slim.format = prop.format;
        properties[name] = slim;
      }
      methods.push({ method, path: node.path, additionalProperties: info.parameters?.additionalProperties ?? 1, properties });
    }
    for (const child of node.children ?? []) walk(child);
  };
  for (const root of reference) walk(root);
  methods.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
  return methods;
}

export const render = (methods) => `[\n${methods.map((method) => JSON.stringify(method)).join(',\n')}\n]\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2] ?? referencePath;
  if (!source) throw new Error('proxmox-ve-api-schema.json not found beside the repository; pass its path');
  const methods = vendor(JSON.parse(readFileSync(source, 'utf8')));
  writeFileSync(fixturePath, render(methods));
  console.log(`${fixturePath}: ${methods.length} methods from ${source}`);
}
