import { Router } from './router';
import { loadSchema } from './schema/loadSchema';
import { validateParameters, type ParamErrors } from './schema/validate';

export type RequestCheck =
  | { ok: true; template: string }
  | { ok: false; status: 501; message: string }
  | { ok: false; status: 400; message: string; errors: ParamErrors };

let router: Router | null = null;

/**
 * Checks one request against the lab's schema the way the lab's server
 * does, without a server: `validateRequest('POST', '/nodes/pve1/qemu/9000/clone', {newid: 101})`.
 * The path may carry the /api2/json prefix. For tests that prove a client
 * only sends what Proxmox accepts.
 */
export function validateRequest(method: string, path: string, params: Record<string, unknown> = {}): RequestCheck {
  router ??= new Router(loadSchema());
  const relative = path.replace(/^\/api2\/json(?=\/)/, '').split('?')[0]?.replace(/\/+$/, '') || '/';
  const route = router.match(method.toUpperCase(), relative);
  if (!route) return { ok: false, status: 501, message: `Method '${method.toUpperCase()} ${relative}' not implemented` };
  const result = validateParameters(route.method.parameters, { ...params, ...route.pathParams });
  if (!result.ok) return { ok: false, status: 400, message: 'Parameter verification failed.', errors: result.errors };
  return { ok: true, template: `${route.method.method} ${route.method.path}` };
}
