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
  sha1Fingerprint: Array.from({ length: 20 }, () => '5A').join(':'),
  validFrom: 'Jan  1 00:00:00 2024 GMT',
  validTo: 'Jan  1 00:00:00 2099 GMT',
  trustedBySystem: false,
  systemError: 'self-signed certificate',
  ...fields,
});
const now = Date.parse('2030-01-01T00:00:00Z');

const judge = (fields: Partial<CertificateInfo>, pinned: string[], expected: string | null) => judgeCertificate(info(fields), pinned, expected, now);
const caValid = { trustedBySystem: true, systemError: null };

describe('judging a certificate', () => {
  it('trusts a pinned or expected certificate, saying why', () => {
    expect(judge({}, [fp('AB')], null)).toEqual({ check: expect.objectContaining({ status: 'ok', message: expect.stringContaining('pinned') }), trust: { status: 'trusted', by: 'pinned' } });
    const sha1 = Array.from({ length: 20 }, () => '5A').join(':');
    expect(judge({}, [], sha1).trust).toEqual({ status: 'trusted', by: 'expected' });
    expect(judge({}, [], fp('AB'))).toEqual({ check: expect.objectContaining({ status: 'ok', message: expect.stringContaining('plan expects') }), trust: { status: 'trusted', by: 'expected' } });
  });

  it('calls an unpinned certificate unknown even when a CA signed it, naming the CA as information', () => {
    expect(judge({}, [], null)).toEqual({ check: expect.objectContaining({ status: 'blocker', message: expect.stringContaining('not trusted yet'), detail: expect.stringContaining('self-signed') }), trust: { status: 'unknown' } });
    expect(judge(caValid, [], null)).toEqual({ check: expect.objectContaining({ status: 'blocker', message: expect.stringContaining("valid for the system's certificate authorities") }), trust: { status: 'unknown' } });
  });

  it('reports a changed certificate as its own state with the old and the new fingerprint, CA or not', () => {
    for (const fields of [{}, caValid]) {
      const verdict = judge(fields, [fp('CD')], null);
      expect(verdict.trust).toEqual({ status: 'changed', pinned: [fp('CD')] });
      expect(verdict.check.status).toBe('blocker');
      expect(verdict.check.message).toContain('changed');
      expect(verdict.check.message).toContain(fp('CD'));
      expect(verdict.check.message).toContain(fp('AB'));
    }
  });

  it("refuses a CA-valid certificate that is not the workbook's, even when it is pinned", () => {
    const verdict = judge(caValid, [fp('AB')], fp('CD'));
    expect(verdict.trust).toEqual({ status: 'unexpected', expected: [fp('CD')] });
    expect(verdict.check).toMatchObject({ status: 'blocker', message: expect.stringContaining('not the one the plan expects') });
  });

  it('warns when a trusted certificate has expired', () => {
    expect(judge({ validTo: 'Jan  1 00:00:00 2025 GMT' }, [fp('AB')], null).check).toMatchObject({ status: 'warning', message: expect.stringContaining('expired') });
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
    expect(result.certificate).toMatchObject({ host: '127.0.0.1', port: server.port, fingerprint: keys.fingerprint, trusted: false, trust: { status: 'unknown' }, caValid: false, subject: expect.stringContaining('CN=pve-test') });
  });

  it('trusts it once pinned, or when the workbook names its fingerprint in any spelling', async () => {
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: keys.fingerprint, subject: null }, 0);
    expect((await checkTls(endpoint(), { host: '127.0.0.1', port: server.port }, trust, 5000)).certificate?.trusted).toBe(true);
    const lower = keys.fingerprint.replace(/:/g, '').toLowerCase();
    expect((await checkTls(endpoint(lower), { host: '127.0.0.1', port: server.port }, memoryTrustStore(), 5000)).check.status).toBe('ok');
  });

  it('reports a certificate that changed since it was pinned, with the old pin', async () => {
    const trust = memoryTrustStore();
    const old = fp('0A');
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: old, subject: null }, 0);
    const result = await checkTls(endpoint(), { host: '127.0.0.1', port: server.port }, trust, 5000);
    expect(result.check.status).toBe('blocker');
    expect(result.certificate).toMatchObject({ fingerprint: keys.fingerprint, trusted: false, trust: { status: 'changed', pinned: [old] } });
  });

  it('reports a port without TLS as a blocker, not a crash', async () => {
    const result = await checkTls(endpoint(), { host: '127.0.0.1', port: 1 }, memoryTrustStore(), 2000);
    expect(result).toMatchObject({ check: { id: 'tls', status: 'blocker' }, certificate: null });
  });
});
