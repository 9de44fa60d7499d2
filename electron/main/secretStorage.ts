import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fail } from '../../shared/errors';
import { text } from '../../shared/i18n/engineText';
import type { SecretStorage } from '../../shared/secrets';
import type { SafeStorageLike } from './deps';

/*
 * Secrets at rest: `{ version: 1, entries: { key: base64(ciphertext) } }`.
 * Keys are names (e.g. `endpoint:pve1:password`), never secrets themselves;
 * values only ever reach the disk encrypted by the OS keychain via safeStorage.
 */
const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });
type SecretsFile = z.infer<typeof fileSchema>;

const maxKeyLength = 500;
const maxValueLength = 100_000;

export interface SafeSecretStorageOptions {
  safeStorage: SafeStorageLike;
  filePath: string;
  platform: string;
  log(message: string): void;
}

/** Must be called after the app is ready: before that the keychain state is unknown. */
export async function createSafeSecretStorage(options: SafeSecretStorageOptions): Promise<SecretStorage> {
  const { safeStorage, filePath } = options;
  const available = await isEncryptionUsable(options);
  if (!available) options.log('Secret storage is unavailable: no OS keychain protects the encryption key.');
  let tail: Promise<unknown> = Promise.resolve();

  // One operation at a time, so two writes never race on the file.
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = tail.then(operation, operation);
    tail = result.catch(() => undefined);
    return result;
  };

  const requireAvailable = (): void => {
    if (!available) {
      fail('unsupported', text('host.secrets.unavailable'), {
        hint: text('host.secrets.unavailableHint'),
      });
    }
  };

  const update = async (change: (entries: Record<string, string>) => void): Promise<void> => {
    const current = await readSecretsFile(filePath);
    const entries = { ...current.entries };
    change(entries);
    await writeAtomically(filePath, JSON.stringify({ version: 1, entries } satisfies SecretsFile, null, 2));
  };

  const setEncrypted = async (key: string, value: string): Promise<void> => {
    const encrypted = await safeStorage.encryptStringAsync(value);
    await update((entries) => {
      entries[key] = encrypted.toString('base64');
    });
  };

  return {
    persistent: available,
    keys: () => serial(async () => Object.keys((await readSecretsFile(filePath)).entries)),
    get: (key) =>
      serial(async () => {
        checkKey(key);
        const stored = (await readSecretsFile(filePath)).entries[key];
        if (stored === undefined) return undefined;
        requireAvailable();
        let decrypted: { result: string; shouldReEncrypt: boolean };
        try {
          decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
        } catch (cause) {
          return fail('io', text('host.secrets.undecryptable', { key }), {
            hint: text('host.secrets.undecryptableHint'),
            detail: cause instanceof Error ? cause.message : String(cause),
          });
        }
        if (decrypted.shouldReEncrypt) await setEncrypted(key, decrypted.result);
        return decrypted.result;
      }),
    set: (key, value) =>
      serial(async () => {
        checkKey(key);
        if (typeof value !== 'string' || value.length > maxValueLength) {
          fail('invalid_request', text('host.secrets.tooLong', { key, max: maxValueLength }));
        }
        requireAvailable();
        await setEncrypted(key, value);
      }),
    delete: (key) =>
      serial(async () => {
        checkKey(key);
        const current = await readSecretsFile(filePath);
        if (!Object.hasOwn(current.entries, key)) return;
        await update((entries) => {
          delete entries[key];
        });
      }),
  };
}

async function isEncryptionUsable(options: SafeSecretStorageOptions): Promise<boolean> {
  try {
    if (!(await options.safeStorage.isAsyncEncryptionAvailable())) return false;
    // On Linux without a keyring Chromium falls back to a hard-coded key: that is obfuscation, not encryption.
    return options.platform !== 'linux' || options.safeStorage.getSelectedStorageBackend() !== 'basic_text';
  } catch (cause) {
    options.log(`Could not query the OS keychain: ${String(cause)}`);
    return false;
  }
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > maxKeyLength) {
    fail('invalid_request', text('host.secrets.badName', { max: maxKeyLength }));
  }
}

async function readSecretsFile(filePath: string): Promise<SecretsFile> {
  let contents: string;
  try {
    contents = await readFile(filePath, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} };
    return fail('io', text('host.secrets.unreadable', { path: filePath }), { detail: String(cause) });
  }
  let parsed: ReturnType<typeof fileSchema.safeParse>;
  try {
    parsed = fileSchema.safeParse(JSON.parse(contents));
  } catch {
    parsed = fileSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    return fail('io', text('host.secrets.damaged', { path: filePath }), { hint: text('host.secrets.damagedHint') });
  }
  return parsed.data;
}

/** Temp file in the same directory, flushed, then renamed over: a crash leaves the old file or the new one, never half of one. */
async function writeAtomically(filePath: string, contents: string): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true, mode: 0o700 });
  const temp = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (cause) {
    await unlink(temp).catch(() => undefined);
    fail('io', text('host.secrets.unwritable', { path: filePath }), { detail: String(cause) });
  }
}
