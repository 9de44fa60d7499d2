import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabContext } from './context';
import { readBody } from './requestBody';
import { sendJson } from './reply';

export const adminPrefix = '/__lab';

/**
 * The lab's own API, beside the Proxmox one (no Proxmox path starts with
 * /__lab). Bearer-token protected:
 *   GET    /__lab/faults        -> {data: [{id, fault}]}
 *   POST   /__lab/faults        body {faults: [...]} | [...] | {...}  -> {data: added}
 *   DELETE /__lab/faults        -> clears all;  DELETE /__lab/faults/{id} -> one
 *   GET    /__lab/state         -> nodes, VMs (lock, status), task counts
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
    return reply(404, { data: null, message: `no lab admin route ${req.method} ${path}\n` });
  } catch (error) {
    return reply(400, { data: null, message: `${error instanceof Error ? error.message : String(error)}\n` });
  }
}

export interface LabSnapshot {
  nodes: { node: string; online: boolean }[];
  vms: { vmid: number; node: string; name: string | null; status: string; lock: string | null; template: boolean }[];
  tasks: { running: number; total: number };
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
  };
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
