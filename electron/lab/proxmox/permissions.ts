import type { Principal } from './auth';
import type { MethodPermissions } from './schema/types';
import type { ParamValue } from './schema/validate';

// What an 'audit' principal holds: PVE's PVEAuditor role.
const auditPrivileges = new Set(['Sys.Audit', 'VM.Audit', 'Datastore.Audit', 'Pool.Audit', 'SDN.Audit', 'Mapping.Audit']);

/**
 * Evaluates a method's `permissions` from the schema for a principal and
 * returns PVE's 403 message, or null when allowed. 'admin' holds every
 * privilege (like root@pam); 'audit' only the *.Audit ones.
 */
export function checkPermissions(
  permissions: MethodPermissions | null,
  principal: Principal,
  params: Record<string, ParamValue>,
): string | null {
  if (principal.role === 'admin' || !permissions?.check) return null;
  const missing = firstMissing(permissions.check, params);
  return missing ? `Permission check failed (${missing.path}, ${missing.privilege})` : null;
}

type Missing = { path: string; privilege: string } | null;

function firstMissing(check: readonly unknown[], params: Record<string, ParamValue>): Missing {
  const [kind, ...rest] = check;
  if (kind === 'and') {
    for (const inner of rest) {
      const missing = Array.isArray(inner) ? firstMissing(inner, params) : null;
      if (missing) return missing;
    }
    return null;
  }
  if (kind === 'or') {
    let first: Missing = null;
    for (const inner of rest) {
      const missing = Array.isArray(inner) ? firstMissing(inner, params) : null;
      if (!missing) return null;
      first ??= missing;
    }
    return first;
  }
  if (kind === 'perm') {
    const path = substitute(String(rest[0]), params);
    const privileges = Array.isArray(rest[1]) ? (rest[1] as string[]) : [];
    const anyOf = rest[2] === 'any';
    const held = privileges.filter((privilege) => auditPrivileges.has(privilege));
    if (anyOf ? held.length > 0 : held.length === privileges.length) return null;
    const privilege = privileges.find((candidate) => !auditPrivileges.has(candidate)) ?? privileges[0] ?? '';
    return { path, privilege: anyOf ? privileges.join('|') : privilege };
  }
  // userid-group/userid-param checks concern user management, which the lab does not model.
  return null;
}

function substitute(path: string, params: Record<string, ParamValue>): string {
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}
