import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handlers } from '../handlers';
import { defaultSchemaPath, subsetPath } from './extractSchema.mjs';
import { extractSubset, implementedMethods, serializeSubset } from './subsetRules.mjs';
import { loadSchema } from './loadSchema';

describe('schema subset', () => {
  it.skipIf(!existsSync(defaultSchemaPath))('equals a fresh extraction from the full Proxmox schema', () => {
    const fresh = serializeSubset(extractSubset(JSON.parse(readFileSync(defaultSchemaPath, 'utf8'))));
    expect(readFileSync(subsetPath, 'utf8')).toBe(fresh);
  });

  it('loads every implemented method with its references resolved', () => {
    const methods = loadSchema();
    expect(methods.map((method) => `${method.method} ${method.path}`)).toEqual([...implementedMethods]);
    expect(JSON.stringify(methods)).not.toContain('$ref');
    const clone = methods.find((method) => method.path === '/nodes/{node}/qemu/{vmid}/clone');
    expect(clone?.parameters.properties?.newid).toMatchObject({ type: 'integer', format: 'pve-vmid', minimum: 100 });
    const config = methods.find((method) => method.method === 'PUT' && method.path.endsWith('/config'));
    expect(config?.parameters.properties?.['net[n]']?.format).toHaveProperty('bridge');
  });

  it('has a handler for exactly the extracted methods', () => {
    expect(Object.keys(handlers).sort()).toEqual([...implementedMethods].sort());
  });

  it('rejects a schema that lacks an implemented method', () => {
    expect(() => extractSubset([{ path: '/version', info: {}, children: [] }])).toThrow(/POST \/access\/ticket is not in the schema/);
  });
});
