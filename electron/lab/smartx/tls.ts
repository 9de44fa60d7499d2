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
  /** SHA-256 of the DER certificate, `AB:CD:...`. */
  fingerprint: string;
}

/**
 * A fresh self-signed EC certificate for 127.0.0.1/localhost, one per
 * simulator (SMTX OS and CloudTower are two machines with two certificates).
 * node:crypto cannot make certificates, so the system's `openssl` does
 * (argument list, no shell).
 */
export async function selfSignedCertificate(organization: string, commonName: string): Promise<LabCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'rackpilot-smartx-tls-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await run(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', `/O=${organization}/CN=${commonName}`,
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { timeout: 20_000 },
    ).catch((cause: NodeJS.ErrnoException) => {
      const reason = cause.code === 'ENOENT' ? 'openssl is not installed' : cause.message;
      throw new Error(`The SmartX lab could not create its TLS certificate (${reason}).`, { cause });
    });
    const [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { keyPem, certPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
