import yauzl from 'yauzl';

/*
 * Lists a ZIP's central directory with yauzl, inflating nothing, so the
 * sizes a file claims can be judged before any part is read. The reader in
 * the worker opens the same directory, and yauzl stops an entry that
 * inflates past the size listed here.
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

export type ZipListing =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'truncated' }
  | { ok: false; reason: 'too_many_entries'; count: number }
  | { ok: false; reason: 'corrupt'; detail: string };

/** yauzl's words for a file whose end (with the directory) is missing. */
const TRUNCATED = /end of central directory record signature not found|unexpected EOF/i;

function refusal(cause: unknown): ZipListing {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return TRUNCATED.test(detail) ? { ok: false, reason: 'truncated' } : { ok: false, reason: 'corrupt', detail: detail.slice(0, 200) };
}

/** Stops before reading more than `maxEntries` entries. */
export async function listZipEntries(path: string, maxEntries: number): Promise<ZipListing> {
  let zip: yauzl.ZipFile;
  try {
    // Sizes are judged by the caller; yauzl's own size check would refuse a lying entry before it is seen.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false });
  } catch (cause) {
    return refusal(cause);
  }
  try {
    if (zip.entryCount > maxEntries) return { ok: false, reason: 'too_many_entries', count: zip.entryCount };
    const entries: ZipEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, encrypted: entry.isEncrypted() });
    }
    return { ok: true, entries };
  } catch (cause) {
    return refusal(cause);
  } finally {
    zip.close();
  }
}
