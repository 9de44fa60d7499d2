// The rules of the Proxmox schema subset: which methods the lab implements
// and how they are cut from the API viewer's tree. Pure (no I/O), so the lab
// can use it at run time and extractSchema.mjs at build time.

/** Every `METHOD /path` the lab answers; all other methods get 501 like an unknown path. */
export const implementedMethods = [
  'POST /access/ticket',
  'GET /version',
  'GET /cluster/resources',
  'GET /cluster/nextid',
  'GET /nodes',
  'GET /nodes/{node}/status',
  'GET /nodes/{node}/network',
  'GET /nodes/{node}/qemu',
  'DELETE /nodes/{node}/qemu/{vmid}',
  'GET /nodes/{node}/qemu/{vmid}/config',
  'POST /nodes/{node}/qemu/{vmid}/config',
  'PUT /nodes/{node}/qemu/{vmid}/config',
  'GET /nodes/{node}/qemu/{vmid}/status/current',
  'POST /nodes/{node}/qemu/{vmid}/status/start',
  'POST /nodes/{node}/qemu/{vmid}/status/shutdown',
  'POST /nodes/{node}/qemu/{vmid}/status/stop',
  'POST /nodes/{node}/qemu/{vmid}/status/suspend',
  'POST /nodes/{node}/qemu/{vmid}/clone',
  'PUT /nodes/{node}/qemu/{vmid}/resize',
  'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
  'GET /nodes/{node}/storage',
  'GET /nodes/{node}/storage/{storage}/status',
  'GET /nodes/{node}/storage/{storage}/content',
  'DELETE /nodes/{node}/storage/{storage}/content/{volume}',
  'POST /nodes/{node}/storage/{storage}/upload',
  'GET /nodes/{node}/tasks/{upid}/status',
  'GET /nodes/{node}/tasks/{upid}/log',
];

// Prose is dropped to keep the committed file small; everything a validator
// or a response check reads (types, formats, enums, bounds) stays.
const dropped = new Set(['description', 'verbose_description', 'typetext']);

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) if (!dropped.has(key)) out[key] = strip(inner);
  return out;
}

function indexByPath(tree) {
  const byPath = new Map();
  const visit = (node) => {
    byPath.set(node.path, node);
    for (const child of node.children ?? []) visit(child);
  };
  for (const root of tree) visit(root);
  return byPath;
}

/** The subset as a plain object; pure, so the test can compare it with the committed file. */
export function extractSubset(fullSchema) {
  if (!Array.isArray(fullSchema)) throw new Error('Proxmox schema: expected the API viewer tree (a JSON array of nodes with path/info/children).');
  const byPath = indexByPath(fullSchema);
  const methods = implementedMethods.map((entry) => {
    const [method, path] = entry.split(' ');
    const info = byPath.get(path)?.info?.[method];
    if (!info) throw new Error(`Proxmox schema: ${entry} is not in the schema; the lab cannot implement it.`);
    return {
      method,
      path,
      name: info.name,
      protected: info.protected ?? 0,
      allowtoken: info.allowtoken ?? 0,
      permissions: strip(info.permissions ?? null),
      parameters: strip(info.parameters ?? { additionalProperties: 0 }),
      returns: strip(info.returns ?? null),
    };
  });
  return shareRepeats({ source: 'proxmox-ve-api-schema.json (Proxmox VE API viewer)', methods, defs: {} });
}

// The qemu config properties appear three times (GET returns, POST, PUT);
// large repeated objects are stored once under `defs` and referenced as
// {"$ref": "name"}, which the lab's loader resolves.
const minSharedLength = 40;

function shareRepeats(subset) {
  const counts = new Map();
  const count = (value) => {
    if (value === null || typeof value !== 'object') return;
    const text = JSON.stringify(value);
    if (!Array.isArray(value) && text.length >= minSharedLength) counts.set(text, (counts.get(text) ?? 0) + 1);
    for (const inner of Object.values(value)) count(inner);
  };
  count(subset.methods);
  const names = new Map();
  const rewrite = (value) => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(rewrite);
    const text = JSON.stringify(value);
    if ((counts.get(text) ?? 0) > 1) {
      let name = names.get(text);
      if (name === undefined) {
        name = `d${names.size + 1}`;
        names.set(text, name);
        subset.defs[name] = rewriteChildren(value);
      }
      return { $ref: name };
    }
    return rewriteChildren(value);
  };
  const rewriteChildren = (value) => Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
  subset.methods = subset.methods.map(rewrite);
  return subset;
}

/** One method or definition per line: small, and a schema change shows as a readable diff. */
export function serializeSubset(subset) {
  const methods = subset.methods.map((method) => '  ' + JSON.stringify(method)).join(',\n');
  const defs = Object.entries(subset.defs).map(([name, def]) => `  ${JSON.stringify(name)}: ${JSON.stringify(def)}`).join(',\n');
  return `{\n "source": ${JSON.stringify(subset.source)},\n "methods": [\n${methods}\n ],\n "defs": {\n${defs}\n }\n}\n`;
}
