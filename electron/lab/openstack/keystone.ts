import { isoSeconds } from './cloud';
import type { OsContext } from './context';
import { json, route, type LabReply, type Route } from './http';

/*
 * Keystone v3, the part a client of the other services uses (keystone/api/auth.py):
 * password authentication scoped to a project, token validation, the catalog.
 */

const versionBody = (base: string) => ({
  id: 'v3.14',
  status: 'stable',
  updated: '2020-04-07T00:00:00Z',
  links: [{ rel: 'self', href: `${base}/v3/` }],
  'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
});

const keystoneError = (code: number, title: string, message: string): LabReply => json(code, { error: { code, message, title } });
const unauthorized = () => keystoneError(401, 'Unauthorized', 'The request you have made requires authentication.');

interface NameOrId {
  id?: string;
  name?: string;
  domain?: { id?: string; name?: string };
}

function catalog(context: OsContext) {
  const { region } = context.identity;
  const entry = (type: string, name: string, id: string, url: string) => ({
    endpoints: ['public', 'internal', 'admin'].map((iface, i) => ({ id: `${id}${i}`, interface: iface, region_id: region, url, region })),
    id,
    type,
    name,
  });
  return [
    entry('identity', 'keystone', '1dentity0000000000000000000000a', `${context.urls.identity}/v3/`),
    entry('compute', 'nova', 'c0mpute00000000000000000000000b', `${context.urls.compute}/v2.1`),
    entry('network', 'neutron', 'netw0rk00000000000000000000000c', context.urls.network),
    entry('image', 'glance', '1mage00000000000000000000000000d', context.urls.image),
  ];
}

function tokenBody(context: OsContext, token: { issuedAt: number; expiresAt: number; auditId: string }) {
  const { identity } = context;
  const domain = { id: 'default', name: identity.domain };
  const stamp = (at: number) => new Date(at).toISOString().replace(/\.\d+Z$/, '.000000Z');
  return {
    token: {
      methods: ['password'],
      user: { domain, id: identity.userId, name: identity.username, password_expires_at: null },
      audit_ids: [token.auditId],
      expires_at: stamp(token.expiresAt),
      issued_at: stamp(token.issuedAt),
      project: { domain, id: identity.projectId, name: identity.project },
      is_domain: false,
      roles: [
        { id: 'a0000000000000000000000000000001', name: 'member' },
        { id: 'a0000000000000000000000000000002', name: 'reader' },
        { id: 'a0000000000000000000000000000003', name: 'admin' },
      ],
      catalog: catalog(context),
    },
  };
}

const domainMatches = (domain: NameOrId['domain'], expected: string): boolean =>
  domain?.id !== undefined ? domain.id === 'default' : domain?.name?.toLowerCase() === expected.toLowerCase();

export function keystoneRoutes(context: OsContext): Route[] {
  return [
    route('GET', '/', () => json(300, { versions: { values: [versionBody(context.urls.identity)] } }, { location: `${context.urls.identity}/v3/` })),
    route('GET', '/v3', () => json(200, { version: versionBody(context.urls.identity) })),
    route('POST', '/v3/auth/tokens', async (request) => {
      const body = (await request.json()) as { auth?: { identity?: { methods?: string[]; password?: { user?: NameOrId & { password?: string } } }; scope?: { project?: NameOrId } } } | undefined;
      const auth = body?.auth;
      if (!auth || typeof auth !== 'object') return keystoneError(400, 'Bad Request', "'auth' is a required property");
      if (!auth.identity) return keystoneError(400, 'Bad Request', "'identity' is a required property");
      const user = auth.identity.password?.user;
      const { identity } = context;
      // Keystone words every wrong user, password or project the same way, so nothing leaks.
      const userOk = user && (user.id === identity.userId || (user.name === identity.username && domainMatches(user.domain, identity.domain))) && user.password === identity.password;
      if (!auth.identity.methods?.includes('password') || !userOk) return unauthorized();
      const project = auth.scope?.project;
      if (project && !(project.id === identity.projectId || (project.name === identity.project && domainMatches(project.domain, identity.domain)))) return unauthorized();
      const token = context.tokens.issue();
      return json(201, tokenBody(context, token), { 'x-subject-token': token.id });
    }),
    route('GET', '/v3/auth/tokens', (request) => {
      if (!context.tokens.valid(request.headers['x-auth-token'] as string | undefined)) return unauthorized();
      const subject = context.tokens.valid(request.headers['x-subject-token'] as string | undefined);
      if (!subject) return keystoneError(404, 'Not Found', 'Could not recognize Fernet token');
      return json(200, tokenBody(context, subject), { 'x-subject-token': subject.id });
    }),
  ];
}

export const keystoneNotFound = () => keystoneError(404, 'Not Found', 'The resource could not be found.');
export const keystoneBadJson = () => keystoneError(400, 'Bad Request', 'Malformed request body');
