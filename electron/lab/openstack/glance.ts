import { createHash, randomUUID } from 'node:crypto';
import { isoSeconds, type Image } from './cloud';
import { checkToken, type OsContext } from './context';
import { json, route, type LabReply, type LabRequest, type Route } from './http';

/*
 * Glance v2 images (glance/api/v2/images.py, image_data.py, the import flow):
 *
 *   queued ──PUT file──> active (size, checksum md5, os_hash_value sha512)
 *   queued ──PUT stage──> uploading ──POST import glance-direct──> importing ──> active
 *   queued ──PUT file, refused by policy (fault directUploadRefused)──> 403, still queued
 *
 * Errors are webob's plain-text pages, as Glance sends them.
 */

const diskFormats = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'];
const containerFormats = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'];
/** Bytes of an upload the lab keeps for download; larger images are only hashed and counted. */
const keptBytes = 64 * 1024 * 1024;

const reasons: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Request Entity Too Large' };
export const glanceError = (status: number, message: string): LabReply => ({ status, body: `${status} ${reasons[status] ?? 'Error'}\n\n${message}\n\n   `, contentType: 'text/plain; charset=UTF-8' });
const unauthorized = () => glanceError(401, 'This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.');

function imageView(context: OsContext, image: Image) {
  return {
    ...(image.imported ? { os_glance_importing_to_stores: '', os_glance_failed_import: '' } : {}),
    name: image.name,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    visibility: image.visibility,
    size: image.size,
    virtual_size: image.virtualSize,
    status: image.status,
    checksum: image.checksum,
    protected: false,
    min_ram: image.minRam,
    min_disk: image.minDisk,
    owner: context.identity.projectId,
    os_hidden: false,
    os_hash_algo: image.osHashValue === null ? null : 'sha512',
    os_hash_value: image.osHashValue,
    id: image.id,
    created_at: image.created,
    updated_at: image.updated,
    tags: image.tags,
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: '/v2/schemas/image',
  };
}

/** Reads the body once, hashing as it goes (md5 for `checksum`, sha512 for `os_hash_value`), keeping small ones. */
async function receive(request: LabRequest): Promise<{ size: number; md5: string; sha512: string; data: Buffer | null }> {
  const md5 = createHash('md5');
  const sha512 = createHash('sha512');
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    const bytes = chunk as Buffer;
    md5.update(bytes);
    sha512.update(bytes);
    size += bytes.length;
    if (size <= keptBytes) kept.push(bytes);
  }
  return { size, md5: md5.digest('hex'), sha512: sha512.digest('hex'), data: size <= keptBytes ? Buffer.concat(kept) : null };
}

/** webob answers an error in HTML when the client accepts HTML or any type, in plain text otherwise. */
function asWebobPage(request: LabRequest, reply: LabReply): LabReply {
  const accept = String(request.headers.accept ?? '');
  if (reply.status < 400 || typeof reply.body !== 'string' || !(accept.includes('html') || accept.includes('*/*'))) return reply;
  const [title = '', , detail = ''] = reply.body.split('\n');
  return { ...reply, contentType: 'text/html; charset=UTF-8', body: `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n  ${detail}<br /><br />\n\n\n\n </body>\n</html>` };
}

export function glanceRoutes(context: OsContext): { routes: Route[]; before(request: LabRequest): Promise<LabReply | null> } {
  const routes = glanceRouteTable(context);
  return {
    routes: routes.routes.map((entry) => ({ ...entry, handle: async (request, params) => asWebobPage(request, await entry.handle(request, params)) })),
    async before(request) {
      const reply = await routes.before(request);
      return reply && asWebobPage(request, reply);
    },
  };
}

function glanceRouteTable(context: OsContext): { routes: Route[]; before(request: LabRequest): Promise<LabReply | null> } {
  const missing = (id: string) => glanceError(404, `No image found with ID ${id}`);
  const versions = () => ({ versions: ['2.15', '2.9', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '2.0'].map((id, i) => ({ id: `v${id}`, status: i === 0 ? 'CURRENT' : 'SUPPORTED', links: [{ rel: 'self', href: `${context.urls.image}/v2/` }] })) });
  const importMethods = { 'openstack-image-import-methods': 'glance-direct,web-download' };
  return {
    async before(request) {
      if (request.path === '/' || request.path === '/versions') return null;
      return checkToken(context, 'image', request, unauthorized);
    },
    routes: [
      route('GET', '/', () => json(300, versions())),
      route('GET', '/versions', () => json(200, versions())),
      route('GET', '/v2/info/import', () => json(200, { 'import-methods': { description: 'Import methods available.', type: 'array', value: ['glance-direct', 'web-download'] } })),
      route('POST', '/v2/images', async (request) => {
        const body = ((await request.json()) ?? {}) as Record<string, unknown>;
        for (const [field, allowed] of [['disk_format', diskFormats], ['container_format', containerFormats]] as const) {
          const value = body[field];
          if (value !== undefined && value !== null && !allowed.includes(String(value))) {
            return glanceError(400, `Provided object does not match schema 'image': '${String(value)}' is not one of [None, ${allowed.map((entry) => `'${entry}'`).join(', ')}]`);
          }
        }
        const stamp = isoSeconds();
        const image: Image = {
          id: typeof body.id === 'string' ? body.id : randomUUID(),
          name: typeof body.name === 'string' ? body.name : null,
          diskFormat: (body.disk_format as string | undefined) ?? null,
          containerFormat: (body.container_format as string | undefined) ?? null,
          visibility: typeof body.visibility === 'string' ? body.visibility : 'shared',
          status: 'queued',
          size: null,
          virtualSize: null,
          checksum: null,
          osHashValue: null,
          minRam: Number(body.min_ram ?? 0),
          minDisk: Number(body.min_disk ?? 0),
          tags: Array.isArray(body.tags) ? (body.tags as string[]) : [],
          created: stamp,
          updated: stamp,
          data: null,
          staged: null,
          imported: false,
        };
        if (context.cloud.images.has(image.id)) return glanceError(409, `Image with identifier ${image.id} already exists!`);
        context.cloud.images.set(image.id, image);
        return json(201, imageView(context, image), { location: `${context.urls.image}/v2/images/${image.id}`, ...importMethods });
      }),
      route('GET', '/v2/images', (request) => {
        const filters = ['name', 'status', 'disk_format', 'visibility'].flatMap((key) => (request.query.has(key) ? [[key, request.query.get(key)!] as const] : []));
        const listed = [...context.cloud.images.values()].map((image) => imageView(context, image)).filter((view) => filters.every(([key, value]) => String(view[key as keyof typeof view]) === value));
        return json(200, { images: listed, first: `/v2/images${request.query.size > 0 ? `?${request.query.toString()}` : ''}`, schema: '/v2/schemas/images' });
      }),
      route('GET', '/v2/images/{id}', (_, [id]) => {
        const image = context.cloud.images.get(id!);
        return image ? json(200, imageView(context, image)) : missing(id!);
      }),
      route('DELETE', '/v2/images/{id}', (_, [id]) => (context.cloud.images.delete(id!) ? { status: 204 } : missing(id!))),
      route('PUT', '/v2/images/{id}/file', async (request, [id]) => {
        const image = context.cloud.images.get(id!);
        if (!image) return missing(id!);
        // Glance checks the policy after finding the image and before its status; a refused image stays queued.
        if (context.faults.refusesDirectUpload()) {
          // Read what was sent first: a client still writing its body would see the connection reset instead of the answer.
          for await (const _chunk of request.raw) void _chunk;
          return glanceError(403, 'You are not authorized to complete upload_image action.');
        }
        if (image.status !== 'queued') return glanceError(409, `Image status transition from ${image.status} to saving is not allowed`);
        image.status = 'saving';
        const received = await receive(request);
        Object.assign(image, { status: 'active', size: received.size, checksum: received.md5, osHashValue: received.sha512, data: received.data, updated: isoSeconds() });
        return { status: 204, contentType: 'text/html; charset=UTF-8' };
      }),
      route('GET', '/v2/images/{id}/file', (_, [id]) => {
        const image = context.cloud.images.get(id!);
        if (!image) return missing(id!);
        if (image.status !== 'active' || image.data === null) return { status: 204 };
        return { status: 200, body: image.data, headers: { 'content-md5': image.checksum ?? '' } };
      }),
      route('PUT', '/v2/images/{id}/stage', async (request, [id]) => {
        const image = context.cloud.images.get(id!);
        if (!image) return missing(id!);
        if (image.status !== 'queued') return glanceError(409, `Image status transition from ${image.status} to uploading is not allowed`);
        image.status = 'uploading';
        const received = await receive(request);
        Object.assign(image, { size: received.size, staged: received, updated: isoSeconds() });
        return { status: 204, contentType: 'text/html; charset=UTF-8' };
      }),
      route('POST', '/v2/images/{id}/import', async (request, [id]) => {
        const image = context.cloud.images.get(id!);
        if (!image) return missing(id!);
        const body = ((await request.json()) ?? {}) as { method?: { name?: string } };
        if (body.method?.name !== 'glance-direct') return glanceError(400, `Import method ${body.method?.name ?? 'None'} is not valid for this image.`);
        const staged = image.staged;
        if (image.status !== 'uploading' || !staged) return glanceError(409, `Image status transition from ${image.status} to importing is not allowed`);
        image.status = 'importing';
        // glance's import task runs in the background; the image is active a moment later.
        setTimeout(() => {
          Object.assign(image, { status: 'active', checksum: staged.md5, osHashValue: staged.sha512, virtualSize: staged.size, data: staged.data, staged: null, imported: true, updated: isoSeconds() });
        }, 200).unref();
        return { status: 202, contentType: 'text/html; charset=UTF-8' };
      }),
    ],
  };
}

export const glanceNotFound = () => glanceError(404, 'The resource could not be found.');
export const glanceBadJson = () => glanceError(400, 'Malformed JSON in request body.');
