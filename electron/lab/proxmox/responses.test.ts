import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabPool } from './labTestKit';
import { loadSchema } from './schema/loadSchema';
import type { PropSchema } from './schema/types';
import type { LabClient } from './testClient';

/**
 * Every answer of the lab matches the `returns` schema of its method:
 * declared properties have their types, required ones are present. Like
 * PVE's Perl, integers may arrive as numeric strings and booleans as 0/1.
 */
function conformance(schema: PropSchema | null, value: unknown, path = 'data'): string[] {
  if (!schema || value === undefined || value === null) return [];
  const problems: string[] = [];
  const type = schema.type;
  const isNumeric = (text: unknown) => typeof text === 'number' || (typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text));
  if (type === 'integer' && !(isNumeric(value) && Number.isInteger(Number(value)))) problems.push(`${path}: not an integer`);
  if (type === 'number' && !isNumeric(value)) problems.push(`${path}: not a number`);
  if (type === 'string' && typeof value !== 'string') problems.push(`${path}: not a string`);
  if (type === 'boolean' && !(typeof value === 'boolean' || value === 0 || value === 1)) problems.push(`${path}: not a boolean`);
  if (type === 'array') {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    value.forEach((item, index) => problems.push(...conformance(schema.items ?? null, item, `${path}[${index}]`)));
  }
  if (type === 'object' || schema.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
    for (const [key, inner] of Object.entries(schema.properties ?? {})) {
      const present = (value as Record<string, unknown>)[key];
      if (present === undefined && !inner.optional) problems.push(`${path}.${key}: missing`);
      problems.push(...conformance(inner, present, `${path}.${key}`));
    }
  }
  return problems;
}

const labs = new LabPool();
let client: LabClient;
let upid: string;
const methods = loadSchema();

beforeAll(async () => {
  ({ client } = await labs.start({ haVmids: [9002] }));
  upid = (await client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100, name: 'web-01' })).body.data;
  await client.waitTask('pve1', upid);
  await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
});
afterAll(() => labs.closeAll());

const reads: [string, string, Record<string, unknown>?][] = [
  ['/version', '/version'],
  ['/cluster/resources', '/cluster/resources'],
  ['/cluster/nextid', '/cluster/nextid'],
  ['/nodes', '/nodes'],
  ['/nodes/{node}/status', '/nodes/pve1/status'],
  ['/nodes/{node}/network', '/nodes/pve1/network'],
  ['/nodes/{node}/qemu', '/nodes/pve1/qemu'],
  ['/nodes/{node}/qemu/{vmid}/config', '/nodes/pve1/qemu/100/config'],
  ['/nodes/{node}/qemu/{vmid}/status/current', '/nodes/pve1/qemu/100/status/current'],
  ['/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces', '/nodes/pve1/qemu/100/agent/network-get-interfaces'],
  ['/nodes/{node}/storage', '/nodes/pve1/storage'],
  ['/nodes/{node}/storage/{storage}/status', '/nodes/pve1/storage/local-lvm/status'],
  ['/nodes/{node}/storage/{storage}/content', '/nodes/pve1/storage/local-lvm/content'],
];

describe('Proxmox lab responses', () => {
  it.each(reads)('GET %s matches its returns schema', async (template, path, params) => {
    const reply = await client.call('GET', path, params ?? {});
    expect(reply.status).toBe(200);
    const schema = methods.find((method) => method.method === 'GET' && method.path === template)?.returns ?? null;
    expect(conformance(schema, reply.body.data)).toEqual([]);
  });

  it('task status and log match their returns schemas', async () => {
    const base = `/nodes/pve1/tasks/${encodeURIComponent(upid)}`;
    for (const [suffix, template] of [['/status', '/nodes/{node}/tasks/{upid}/status'], ['/log', '/nodes/{node}/tasks/{upid}/log']]) {
      const reply = await client.call('GET', `${base}${suffix}`);
      const schema = methods.find((method) => method.method === 'GET' && method.path === template)?.returns ?? null;
      expect(conformance(schema, reply.body.data)).toEqual([]);
    }
  });

  it('the checker itself flags a wrong shape', () => {
    const schema = methods.find((method) => method.path === '/nodes/{node}/tasks/{upid}/status')?.returns ?? null;
    expect(conformance(schema, { status: 'stopped', pid: 'x' })).toContain('data.pid: not an integer');
  });
});
