import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabContext } from './context';
import { readBody } from './requestBody';
import { sendJson } from './reply';
import type { LabNeeds } from './state/cluster';
import type { LabTemplateSpec } from './state/topology';

export const adminPrefix = '/__lab';

/**
 * The lab's own API, beside the Proxmox one (no Proxmox path starts with
 * /__lab). Bearer-token protected:
 *   GET    /__lab/faults        -> {data: [{id, fault}]}
 *   POST   /__lab/faults        body {faults: [...]} | [...] | {...}  -> {data: added}
 *   DELETE /__lab/faults        -> clears all;  DELETE /__lab/faults/{id} -> one
 *   GET    /__lab/state         -> nodes, VMs (lock, status), task counts
 *   POST   /__lab/prepare       body {templates: [{name, ostype, diskGiB?, memoryMiB?, cores?}], storages: [id], bridges: [iface]}
 *                               -> every node gets what it lacks: {data: [template vmid...]}
 */
export async function handleAdminRequest(lab: LabContext, token: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const reply = (status: number, body: unknown) => sendJson(res, status, body);
  if (!hasToken(req.headers.authorization, token)) return reply(401, { data: null, message: 'lab admin token required\n' });
  const path = url.pathname.slice(adminPrefix.length).replace(/\/+$/, '');
  try {
    if (path === '/faults' && req.method === 'GET') return reply(200, { data: lab.faults.list() });
    if (path === '/faults' && req.method === 'DELETE') {
      lab.faults.clear();
      return reply(200, { data: null });
    }
    if (path.startsWith('/faults/') && req.method === 'DELETE') {
      const removed = lab.faults.remove(decodeURIComponent(path.slice('/faults/'.length)));
      return removed ? reply(200, { data: null }) : reply(404, { data: null, message: 'no such fault\n' });
    }
    if (path === '/faults' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || 'null') as unknown;
      const list = Array.isArray(body) ? body : body && typeof body === 'object' && 'faults' in body ? (body as { faults: unknown }).faults : [body];
      if (!Array.isArray(list)) return reply(400, { data: null, message: 'faults must be an array\n' });
      return reply(200, { data: lab.faults.add(list) });
    }
    if (path === '/state' && req.method === 'GET') return reply(200, { data: labSnapshot(lab) });
    if (path === '/prepare' && req.method === 'POST') {
      return reply(200, { data: lab.cluster.prepare(parseNeeds(JSON.parse((await readBody(req)).toString('utf8') || 'null'))) });
    }
    return reply(404, { data: null, message: `no lab admin route ${req.method} ${path}\n` });
  } catch (error) {
    return reply(400, { data: null, message: `${error instanceof Error ? error.message : String(error)}\n` });
  }
}

export interface LabSnapshot {
  nodes: { node: string; online: boolean }[];
  vms: { vmid: number; node: string; name: string | null; status: string; lock: string | null; template: boolean }[];
  tasks: { running: number; total: number };
  /** POST /access/ticket answers: tickets granted (logins and renewals) and logins refused. */
  logins: { granted: number; refused: number };
}

export function labSnapshot(lab: LabContext): LabSnapshot {
  const tasks = lab.tasks.all();
  return {
    nodes: [...lab.cluster.nodes.keys()].map((node) => ({ node, online: lab.faults.nodeDown(node) === null })),
    vms: [...lab.cluster.vms.values()]
      .sort((a, b) => a.vmid - b.vmid)
      .map((vm) => ({
        vmid: vm.vmid,
        node: vm.node,
        name: vm.config.name ?? null,
        status: vm.power.kind,
        lock: vm.config.lock ?? null,
        template: vm.config.template === '1',
      })),
    tasks: { running: tasks.filter((task) => task.state.kind === 'running').length, total: tasks.length },
    logins: { ...lab.auth.logins },
  };
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ostypes = new Set(['l26', 'win11', 'win10', 'other']);

function parseIds(input: unknown, what: string, pattern: RegExp): string[] {
  if (input === undefined) return [];
  if (!Array.isArray(input) || !input.every((id) => typeof id === 'string' && pattern.test(id))) throw new Error(`${what} must be an array of valid ids`);
  return input as string[];
}

/** What a rehearsal asks of the lab, checked like any outside input. */
export function parseNeeds(input: unknown): LabNeeds {
  const body = (input ?? {}) as Record<string, unknown>;
  return {
    templates: body.templates === undefined ? [] : parseTemplates(body.templates),
    storages: parseIds(body.storages, 'storages', /^[a-z][a-z0-9._-]{1,62}$/i),
    bridges: parseIds(body.bridges, 'bridges', /^vmbr\d{1,4}$/),
  };
}

/** Template requests from outside: names and OS types checked, sizes defaulted like the built-in templates. */
function parseTemplates(input: unknown): Omit<LabTemplateSpec, 'vmid'>[] {
  if (!Array.isArray(input)) throw new Error('templates must be an array');
  return input.map((entry, index) => {
    const { name, ostype, diskGiB, memoryMiB, cores } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/.test(name)) throw new Error(`templates[${index}].name is not a valid VM name`);
    if (typeof ostype !== 'string' || !ostypes.has(ostype)) throw new Error(`templates[${index}].ostype must be one of ${[...ostypes].join(', ')}`);
    const windows = ostype.startsWith('win');
    const size = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback);
    return {
      name,
      ostype: ostype as LabTemplateSpec['ostype'],
      diskGiB: size(diskGiB, windows ? 40 : 10),
      memoryMiB: size(memoryMiB, windows ? 4096 : 2048),
      cores: size(cores, 2),
    };
  });
}
