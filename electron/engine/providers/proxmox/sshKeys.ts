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
  let text = await readText(path);
  if (text === null) fail('io', `The SSH key file ${path} cannot be read.`, { ...where, retryable: false, hint: 'Key paths in the plan are relative to the workbook’s folder.' });
  if (text.includes('PRIVATE KEY')) {
    text = await readText(`${path}.pub`);
    if (text === null) fail('plan_invalid', `${path} is a private key and ${path}.pub (its public key) cannot be read.`, where);
  }
  const keys = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  if (keys.length === 0 || !keys.every((line) => publicKeyLine.test(line))) {
    fail('plan_invalid', `${path} does not hold OpenSSH public keys (one "ssh-ed25519 AAAA... comment" per line).`, where);
  }
  return keys.join('\n');
}
