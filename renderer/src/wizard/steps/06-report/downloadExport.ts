import type { Reply } from '../../../../../shared/reply';
import type { ValueOf } from '../../../../../shared/contract/channels';
import { call } from '../../../api/client';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/**
 * The browser cannot reach the file the engine wrote, so its bytes come
 * over the contract in chunks and leave as an ordinary download.
 */
export async function downloadExport(path: string): Promise<Reply<{ name: string }>> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset: number | null = 0;
  let name = 'export';
  while (offset !== null) {
    const chunk: Reply<ValueOf<'file:read'>> = await call('file:read', { path, offset });
    if (!chunk.ok) return chunk;
    parts.push(bytesOf(chunk.value.chunkBase64));
    name = chunk.value.name;
    offset = chunk.value.nextOffset;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/octet-stream' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has its own copy once the click was handled.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { ok: true, value: { name } };
}
