import { text } from '../../../../shared/i18n/engineText';
import { readFile } from 'node:fs/promises';
import { fail, type CellRef } from '../../../../shared/errors';

const publicKeyLine = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-\S+|sk-\S+)\s+[A-Za-z0-9+/=]+(\s.*)?$/;

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The public key(s) to put into cloud-init. The plan may name the public key
 * file or the private key next to it (`id_ed25519` -> `id_ed25519.pub`); a
 * private key is never sent anywhere.
 */
export async function readSshKeys(path: string, cell?: CellRef): Promise<string> {
  const where = cell ? { cell } : {};
  let content = await readText(path);
  if (content === null) fail('io', text('pve.ssh.unreadable', { path }), { ...where, retryable: false, hint: text('pve.hint.keyPaths') });
  if (content.includes('PRIVATE KEY')) {
    content = await readText(`${path}.pub`);
    if (content === null) fail('plan_invalid', text('pve.ssh.noPublic', { path }), where);
  }
  const keys = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (keys.length === 0 || !keys.every((line) => publicKeyLine.test(line))) {
    fail('plan_invalid', text('pve.ssh.notKeys', { path }), where);
  }
  return keys.join('\n');
}
