import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LabCertificate {
  keyPem: string;
  certPem: string;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (`AB:CD:...`), as PVE shows it. */
  fingerprint: string;
}

/**
 * A fresh self-signed EC certificate for 127.0.0.1/localhost. node:crypto
 * makes keys but not certificates, so this runs the system's `openssl`
 * (argument list, no shell); without it the lab cannot start and says so.
 */
export async function createSelfSignedCertificate(commonName = 'pve-lab.local'): Promise<LabCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'rackpilot-lab-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', `/OU=PVE Cluster Node/O=Proxmox Virtual Environment/CN=${commonName}`,
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { timeout: 20_000 },
    ).catch((cause: NodeJS.ErrnoException) => {
      const reason = cause.code === 'ENOENT' ? 'openssl is not installed' : cause.message;
      throw new Error(`The Proxmox lab could not create its TLS certificate (${reason}).`, { cause });
    });
    const [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { keyPem, certPem, fingerprint: fingerprintOf(certPem) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
