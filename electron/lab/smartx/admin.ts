import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasBearer, parseJson, readBody, sendJson } from './http';

export const adminPrefix = '/__lab';

/** What one simulator's admin API can do; the SMTX OS and CloudTower labs each give their own. */
export interface AdminActions {
  faults: { list(): unknown[]; add(inputs: unknown[]): unknown[]; remove(id: string): boolean; clear(): void };
  /** Faults meant for the other simulator (`{faults, target: "cloudtower"}`); absent when there is none. */
  addFaultsFor?: (target: string, inputs: unknown[]) => unknown[];
  state(): unknown;
  prepare?: (preparation: unknown) => unknown;
  reset(): Promise<void>;
}

/**
 * The lab's own API beside the platform's (no SmartX path starts with /__lab), Bearer-protected:
 *   GET /faults, POST /faults {faults:[...], target?}, DELETE /faults[/id],
 *   GET /state, POST /prepare (SMTX OS), POST /reset.
 */
export async function handleAdmin(actions: AdminActions, token: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const reply = (status: number, body: unknown) => sendJson(res, status, body);
  if (!hasBearer(req.headers.authorization, token)) return reply(401, { error: 'lab admin token required' });
  const path = url.pathname.slice(adminPrefix.length).replace(/\/+$/, '');
  try {
    if (path === '/faults' && req.method === 'GET') return reply(200, { data: actions.faults.list() });
    if (path === '/faults' && req.method === 'DELETE') return (actions.faults.clear(), reply(200, { data: null }));
    if (path.startsWith('/faults/') && req.method === 'DELETE') {
      return actions.faults.remove(decodeURIComponent(path.slice('/faults/'.length))) ? reply(200, { data: null }) : reply(404, { error: 'no such fault' });
    }
    const body = async () => {
      const parsed = parseJson(await readBody(req, 1024 * 1024));
      if (!parsed.ok) throw new Error('the body is not JSON');
      return parsed.value;
    };
    if (path === '/faults' && req.method === 'POST') {
      const value = await body();
      const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
      const list = Array.isArray(value) ? value : record && 'faults' in record ? record.faults : [value];
      if (!Array.isArray(list)) return reply(400, { error: 'faults must be an array' });
      const target = typeof record?.target === 'string' ? record.target : null;
      if (target === null) return reply(200, { data: actions.faults.add(list) });
      if (!actions.addFaultsFor) return reply(400, { error: `this simulator has no fault target ${target}` });
      return reply(200, { data: actions.addFaultsFor(target, list) });
    }
    if (path === '/state' && req.method === 'GET') return reply(200, { data: actions.state() });
    if (path === '/prepare' && req.method === 'POST' && actions.prepare) return reply(200, { data: actions.prepare(await body()) ?? null });
    if (path === '/reset' && req.method === 'POST') return (await actions.reset(), reply(200, { data: null }));
    return reply(404, { error: `no lab admin route ${req.method} ${path}` });
  } catch (error) {
    return reply(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
