import { z } from 'zod';
import { checked, type ApiRequest, type FisheyeContext } from './context';
import { FisheyeError, invalid } from './envelope';
import { toUpload, type Image } from './images';

const volumeQuery = z.object({
  name: z.string().min(1).max(255).regex(/^[^/\\]+$/, 'must be a file name'),
  size: z.coerce.number().int().min(1).max(2 ** 50),
  device: z.enum(['nfs', 'iscsi']).default('nfs'),
  task_id: z.string().min(1).max(128).optional(),
});

const chunkQuery = z.object({
  zbs_volume_id: z.string().min(1),
  chunk_num: z.coerce.number().int().min(0),
  image_uuid: z.string().min(1),
});

function imageView(image: Image) {
  const view = { uuid: image.uuid, name: image.name, size: image.size, device: image.device, status: image.state.kind === 'available' ? 'available' : 'uploading' };
  return image.state.kind === 'available' ? { ...view, path: image.state.path } : { ...view, zbs_volume_id: image.zbs_volume_id, chunk_size: image.chunk_size, to_upload: toUpload(image) };
}

const queryObject = (query: URLSearchParams) => Object.fromEntries(query);

export async function listImages(lab: FisheyeContext, request: ApiRequest) {
  const name = request.query.get('name');
  return { images: lab.images.list().filter((image) => name === null || image.name === name).map(imageView) };
}

export async function createUploadVolume(lab: FisheyeContext, request: ApiRequest) {
  const query = checked(volumeQuery, queryObject(request.query), 'query');
  const image = lab.images.createVolume(query.name, query.size, query.device, query.task_id ?? null);
  return { image_uuid: image.uuid, zbs_volume_id: image.zbs_volume_id, chunk_size: image.chunk_size, to_upload: toUpload(image) };
}

/** The multipart body's `file` part, parsed by the platform's own Fetch implementation (undici), not by hand. */
async function filePart(request: ApiRequest): Promise<Buffer> {
  if (!/^multipart\/form-data;/i.test(request.contentType)) throw invalid('the chunk must be sent as multipart/form-data with a part named "file"');
  let form: FormData;
  try {
    form = await new Response(request.body, { headers: { 'content-type': request.contentType } }).formData();
  } catch {
    throw invalid('the multipart body is malformed');
  }
  const file = form.get('file');
  if (file === null) throw invalid('the multipart body has no part named "file"');
  return typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.from(await file.arrayBuffer());
}

export async function uploadChunk(lab: FisheyeContext, request: ApiRequest) {
  const query = checked(chunkQuery, queryObject(request.query), 'query');
  const bytes = await filePart(request);
  const image = lab.images.get(query.image_uuid);
  if (lab.faults.take('chunkFails', (fault) => fault.chunkNum === undefined || fault.chunkNum === query.chunk_num)) {
    throw new FisheyeError(500, 'EUPLOAD_CHUNK', `failed to write chunk ${query.chunk_num} of ${image.name} to volume ${image.zbs_volume_id}`);
  }
  const updated = await lab.images.writeChunk(query.image_uuid, query.zbs_volume_id, query.chunk_num, bytes);
  return { chunk_num: query.chunk_num, to_upload: toUpload(updated) };
}

export async function deleteImage(lab: FisheyeContext, request: ApiRequest) {
  await lab.images.remove(request.params[0]!);
  return {};
}
