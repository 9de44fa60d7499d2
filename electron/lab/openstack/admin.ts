import { timingSafeEqual } from 'node:crypto';
import type { OsContext } from './context';
import { json, type LabReply, type LabRequest } from './http';
import { applyPreparation, parseOpenStackPreparation } from './preparation';

export const adminPrefix = '/__lab';

/**
 * The lab's own API on the Keystone port (no Keystone path starts with /__lab),
 * with `Authorization: Bearer {token}`:
 *   GET/POST/DELETE /__lab/faults[/id]   faults as in faults.ts; POST body {faults: [...]}
 *   POST /__lab/expire-tokens            every token issued so far stops working (401)
 *   POST /__lab/prepare                  body as in preparation.ts
 *   GET  /__lab/state                    counts of what the cloud holds, and of the tokens issued so far
 */
export async function handleAdmin(context: OsContext, token: string, request: LabRequest, onPrepare: (made: number) => void): Promise<LabReply> {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return json(401, { error: 'lab admin token required' });
  const path = request.path.slice(adminPrefix.length);
  try {
    if (path === '/faults' && request.method === 'GET') return json(200, { faults: context.faults.list() });
    if (path === '/faults' && request.method === 'POST') {
      const body = (await request.json()) as { faults?: unknown } | unknown[] | undefined;
      const list = Array.isArray(body) ? body : (body as { faults?: unknown } | undefined)?.faults;
      if (!Array.isArray(list)) return json(400, { error: 'faults must be an array' });
      return json(200, { faults: context.faults.add(list) });
    }
    if (path === '/faults' && request.method === 'DELETE') {
      context.faults.clear();
      return json(200, { faults: [] });
    }
    if (path.startsWith('/faults/') && request.method === 'DELETE') {
      return context.faults.remove(decodeURIComponent(path.slice('/faults/'.length))) ? json(200, {}) : json(404, { error: 'no such fault' });
    }
    if (path === '/expire-tokens' && request.method === 'POST') return json(200, { expired: context.tokens.expireAll() });
    if (path === '/prepare' && request.method === 'POST') {
      const made = applyPreparation(context.cloud, parseOpenStackPreparation(await request.json()));
      onPrepare(made);
      return json(200, { made });
    }
    if (path === '/state' && request.method === 'GET') {
      const cloud = context.cloud;
      return json(200, {
        servers: [...cloud.servers.values()].map((server) => ({ id: server.id, name: server.name, status: server.state.kind })),
        counts: { flavors: cloud.flavors.size, images: cloud.images.size, networks: cloud.networks.size, subnets: cloud.subnets.size, ports: cloud.ports.size, routers: cloud.routers.size, securityGroups: cloud.securityGroups.size },
        quota: cloud.quota,
        tokensIssued: context.tokens.issuedCount,
      });
    }
    return json(404, { error: `no lab admin route ${request.method} ${path}` });
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
