import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateInfo } from '../net';
import { makeSelfSigned, memoryTrustStore, startTlsServer, type KeyPair } from '../net/tlsTestKit';
import { testEndpoint } from '../providers/proxmox/planTestKit';
import { checkTls, judgeCertificate } from './tlsCheck';

const fp = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');
const info = (fields: Partial<CertificateInfo> = {}): CertificateInfo => ({
  subject: 'CN=pve1',
  issuer: 'CN=pve1',
  fingerprint: fp('AB'),
  validFrom: 'Jan  1 00:00:00 2024 GMT',
  validTo: 'Jan  1 00:00:00 2099 GMT',
  trustedBySystem: false,
  systemError: 'self-signed certificate',
  ...fields,
});
const now = Date.parse('2030-01-01T00:00:00Z');

describe('judging a certificate', () => {
  it('trusts a system-valid, pinned or expected certificate, saying why', () => {
    expect(judgeCertificate(info({ trustedBySystem: true, systemError: null }), [], null, now)).toMatchObject({ status: 'ok', message: expect.stringContaining('system') });
    expect(judgeCertificate(info(), [fp('AB')], null, now)).toMatchObject({ status: 'ok', message: expect.stringContaining('pinned') });
    expect(judgeCertificate(info(), [], fp('AB'), now)).toMatchObject({ status: 'ok', message: expect.stringContaining('plan expects') });
  });

  it('blocks an unknown, a changed and an unexpected certificate, with the reason as detail', () => {
    expect(judgeCertificate(info(), [], null, now)).toMatchObject({ status: 'blocker', message: expect.stringContaining('not trusted yet'), detail: expect.stringContaining('self-signed') });
    expect(judgeCertificate(info(), [fp('CD')], null, now).message).toContain('changed');
    expect(judgeCertificate(info(), [], fp('CD'), now).message).toContain('not the one the plan expects');
  });

  it('warns when a trusted certificate has expired', () => {
    expect(judgeCertificate(info({ validTo: 'Jan  1 00:00:00 2025 GMT' }), [fp('AB')], null, now)).toMatchObject({ status: 'warning', message: expect.stringContaining('expired') });
  });
});

describe('checking the TLS certificate of a server', () => {
  let keys: KeyPair;
  let server: Awaited<ReturnType<typeof startTlsServer>>;
  beforeAll(async () => {
    keys = makeSelfSigned('pve-test');
    server = await startTlsServer(keys);
  });
  afterAll(() => server.stop());

  const endpoint = (fingerprint?: string) =>
    testEndpoint({ url: `https://127.0.0.1:${server.port}`, username: 'root@pam', password: 'x', ...(fingerprint ? { fingerprint } : {}) });

  it('reports an unpinned self-signed certificate as an untrusted blocker, with what to pin', async () => {
    const result = await checkTls(endpoint(), { host: '127.0.0.1', port: server.port }, memoryTrustStore(), 5000);
    expect(result.check.status).toBe('blocker');
    expect(result.certificate).toMatchObject({ host: '127.0.0.1', port: server.port, fingerprint: keys.fingerprint, trusted: false, subject: expect.stringContaining('CN=pve-test') });
  });

  it('trusts it once pinned, or when the workbook names its fingerprint in any spelling', async () => {
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: keys.fingerprint, subject: null }, 0);
    expect((await checkTls(endpoint(), { host: '127.0.0.1', port: server.port }, trust, 5000)).certificate?.trusted).toBe(true);
    const lower = keys.fingerprint.replace(/:/g, '').toLowerCase();
    expect((await checkTls(endpoint(lower), { host: '127.0.0.1', port: server.port }, memoryTrustStore(), 5000)).check.status).toBe('ok');
  });

  it('reports a port without TLS as a blocker, not a crash', async () => {
    const result = await checkTls(endpoint(), { host: '127.0.0.1', port: 1 }, memoryTrustStore(), 2000);
    expect(result).toMatchObject({ check: { id: 'tls', status: 'blocker' }, certificate: null });
  });
});
