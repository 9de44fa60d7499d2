import type { Readable } from 'node:stream';
import type { OpenStackSession } from './session';
import { isStatus } from './errors';

/* Glance v2 image calls (glance/api/v2/images.py, image_data.py, discovery.py). */

export interface GlanceImage {
  id: string;
  name: string;
  status: string;
  checksum?: string | null;
  size?: number | null;
  disk_format?: string | null;
  /** Rackpilot's own property: the sha256 of the file it uploaded. */
  rackpilot_sha256?: string;
}

export async function findImages(session: OpenStackSession, name: string, signal: AbortSignal): Promise<GlanceImage[]> {
  const body = await session.call<{ images?: GlanceImage[] }>('image', 'GET', '/v2/images', signal, { params: { name } });
  return (body.images ?? []).filter((image) => image.name === name);
}

export async function getImage(session: OpenStackSession, id: string, signal: AbortSignal): Promise<GlanceImage | null> {
  const response = await session.send<GlanceImage>('image', 'GET', `/v2/images/${encodeURIComponent(id)}`, signal, { accept: [404] });
  return response.status === 404 ? null : response.data;
}

export async function createImage(session: OpenStackSession, fields: { name: string; disk_format: string; sha256: string | null }, signal: AbortSignal): Promise<GlanceImage> {
  const data: Record<string, unknown> = { name: fields.name, disk_format: fields.disk_format, container_format: 'bare', visibility: 'private' };
  if (fields.sha256) data.rackpilot_sha256 = fields.sha256;
  return session.call<GlanceImage>('image', 'POST', '/v2/images', signal, { data });
}

export async function deleteImage(session: OpenStackSession, id: string, signal: AbortSignal): Promise<void> {
  await session.call('image', 'DELETE', `/v2/images/${encodeURIComponent(id)}`, signal, { accept: [404] });
}

/** Records the sha256 once the upload computed it (an image made without one). */
export async function setImageSha256(session: OpenStackSession, id: string, sha256: string, present: boolean, signal: AbortSignal): Promise<void> {
  await session.call('image', 'PATCH', `/v2/images/${encodeURIComponent(id)}`, signal, {
    data: [{ op: present ? 'replace' : 'add', path: '/rackpilot_sha256', value: sha256 }],
    headers: { 'Content-Type': 'application/openstack-images-v2.1-json-patch' },
  });
}

/** The import methods the cloud enables (`GET /v2/info/import`); [] when it has no import API. */
export async function importMethods(session: OpenStackSession, signal: AbortSignal): Promise<string[]> {
  try {
    const body = await session.call<{ 'import-methods'?: { value?: string[] } }>('image', 'GET', '/v2/info/import', signal);
    return body['import-methods']?.value ?? [];
  } catch (error) {
    if (isStatus(error, 404)) return [];
    throw error;
  }
}

/** Sends the image's data: `PUT .../file` (direct), or `PUT .../stage` for the import flow. */
export async function putImageData(session: OpenStackSession, id: string, where: 'file' | 'stage', body: Readable, size: number, signal: AbortSignal): Promise<void> {
  await session.call('image', 'PUT', `/v2/images/${encodeURIComponent(id)}/${where}`, signal, {
    data: body,
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
    timeoutMs: 6 * 60 * 60_000,
  });
}

export async function startImport(session: OpenStackSession, id: string, signal: AbortSignal): Promise<void> {
  await session.call('image', 'POST', `/v2/images/${encodeURIComponent(id)}/import`, signal, { data: { method: { name: 'glance-direct' } } });
}
