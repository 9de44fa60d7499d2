import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './auth';
import type { LabContext } from './context';
import { handlers } from './handlers';
import { WithAttributes, type HandlerDef } from './handlers/common';
import { ConnectionDropped } from './handlers/upload';
import { checkPermissions } from './permissions';
import { HttpServerError, notImplemented, paramError, PveError, sendData, sendError, sendHttpServerError } from './reply';
import { collectParams, readBody } from './requestBody';
import type { Router } from './router';
import type { MethodSchema } from './schema/types';
import { validateParameters, type ParamValue } from './schema/validate';
import { sleep } from './state/tasks';

const apiPrefix = '/api2/json';
/** The caller of `user: world` methods (the login), which need no credentials. */
const anonymous: Principal = { userid: 'nobody@pve', tokenid: null, role: 'audit' };

/**
 * One API call, in pveproxy's order:
 *   auth (401) -> route (501) -> parameters (400) -> permissions (403)
 *   -> node reachable (595/500) -> injected delay -> handler -> {data}.
 * Errors become PVE's error replies; nothing here logs request content.
 */
export async function handleApiRequest(lab: LabContext, router: Router, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    if (!url.pathname.startsWith(`${apiPrefix}/`)) throw new PveError(404, 'Not Found');
    const method = req.method ?? 'GET';
    const path = url.pathname.slice(apiPrefix.length).replace(/\/+$/, '') || '/';
    const route = router.match(method, path);
    let principal = anonymous;
    if (route?.method.permissions?.user !== 'world') {
      const auth = lab.auth.authenticate(req, method);
      if (!auth.ok) {
        await sleep(lab.settings.latency.authFailureMs, lab.signal).catch(() => undefined);
        throw new PveError(401, auth.message);
      }
      principal = auth.principal;
    }
    if (!route) throw notImplemented(method, path);
    if (principal.tokenid && !route.method.allowtoken) throw new PveError(401, 'API tokens are not allowed for this API call');
    const def = handlers[`${route.method.method} ${route.method.path}`] as HandlerDef;
    const result =
      def.kind === 'stream'
        ? await runStream(lab, def, route.method, route.pathParams, Object.fromEntries(url.searchParams), principal, req)
        : await runParams(lab, def, route.method, route.pathParams, principal, req, url);
    if (result instanceof WithAttributes) sendData(res, result.data, result.attributes);
    else sendData(res, result);
  } catch (error) {
    if (error instanceof ConnectionDropped) return;
    if (error instanceof HttpServerError) return sendHttpServerError(res, error);
    sendError(res, error instanceof PveError ? error : new PveError(500, error instanceof Error ? error.message : String(error)));
  }
}

async function runParams(
  lab: LabContext,
  def: Extract<HandlerDef, { kind: 'params' }>,
  schema: MethodSchema,
  pathParams: Record<string, string>,
  principal: Principal,
  req: IncomingMessage,
  url: URL,
): Promise<unknown> {
  const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
  const raw = { ...collectParams(req.headers['content-type'], body, url.searchParams), ...pathParams };
  const validation = validateParameters(schema.parameters, raw);
  if (!validation.ok) throw paramError(validation.errors);
  await beforeHandler(lab, schema, validation.params, principal);
  return def.handle({ lab, params: validation.params, principal });
}

async function runStream(
  lab: LabContext,
  def: Extract<HandlerDef, { kind: 'stream' }>,
  schema: MethodSchema,
  pathParams: Record<string, string>,
  query: Record<string, string>,
  principal: Principal,
  req: IncomingMessage,
): Promise<unknown> {
  const params = { ...query, ...pathParams };
  await beforeHandler(lab, schema, params, principal);
  return def.handle({ lab, params, query, principal, req, schema });
}

async function beforeHandler(lab: LabContext, schema: MethodSchema, params: Record<string, ParamValue>, principal: Principal): Promise<void> {
  const denied = checkPermissions(schema.permissions, principal, params);
  if (denied) throw new PveError(403, denied);
  const node = params.node === undefined ? null : String(params.node);
  if (node !== null) {
    lab.cluster.node(node);
    const down = lab.faults.nodeDown(node);
    if (down) throw new PveError(down.status, down.message);
  }
  const delay = lab.settings.latency.requestMs + lab.faults.delayMs(node);
  if (delay > 0) await sleep(delay, lab.signal);
}
