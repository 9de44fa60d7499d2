// Which CloudTower operations the lab implements, and how their part of the
// OpenAPI spec is cut out (shared by extractSpec.mjs and the spec test).

/** The operations (paths under /v2/api) the lab answers; the handler table must list exactly these. */
export const implementedOperations = [
  '/create-root-user',
  '/login',
  '/create-organization',
  '/get-organizations',
  '/create-datacenter',
  '/get-datacenters',
  '/get-ntp-service-url',
  '/get-licenses',
  '/connect-cluster',
  '/get-clusters',
  '/get-tasks',
  '/get-deploys',
];

function collectRefs(value, schemas, seen) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, schemas, seen);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const name = child.replace('#/components/schemas/', '');
        if (!(name in schemas)) throw new Error(`The spec refers to ${child}, which it does not define.`);
        if (!seen.has(name)) {
          seen.add(name);
          collectRefs(schemas[name], schemas, seen);
        }
      } else collectRefs(child, schemas, seen);
    }
  }
}

/** The spec cut down to the implemented operations and every schema they reach, unchanged otherwise. */
export function extractSubset(spec) {
  const paths = {};
  for (const path of implementedOperations) {
    const item = spec.paths?.[path];
    if (!item?.post) throw new Error(`POST ${path} is not in the CloudTower spec.`);
    paths[path] = { post: item.post };
  }
  const seen = new Set();
  collectRefs(paths, spec.components.schemas, seen);
  const schemas = Object.fromEntries([...seen].sort().map((name) => [name, spec.components.schemas[name]]));
  return { openapi: spec.openapi, info: spec.info, paths, components: { schemas, securitySchemes: spec.components.securitySchemes } };
}

/** One operation or schema per line, so a regenerated subset diffs readably. */
export function serializeSubset(subset) {
  const block = (entries) => entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n');
  return [
    '{',
    `"openapi": ${JSON.stringify(subset.openapi)},`,
    `"info": ${JSON.stringify(subset.info)},`,
    `"paths": {\n${block(Object.entries(subset.paths))}\n},`,
    `"components": {\n"securitySchemes": ${JSON.stringify(subset.components.securitySchemes)},\n"schemas": {\n${block(Object.entries(subset.components.schemas))}\n}\n}`,
    '}',
    '',
  ].join('\n');
}
