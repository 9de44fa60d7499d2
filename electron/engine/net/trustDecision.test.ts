import { describe, expect, it } from 'vitest';
import { decideTrust, type TrustQuestion } from './trustDecision';

const ask = (fields: Partial<TrustQuestion>): ReturnType<typeof decideTrust> =>
  decideTrust({ presented: 'NEW', expected: [], pinned: [], ...fields });

describe('the trust decision', () => {
  it('calls a host with neither workbook fingerprint nor pin unknown', () => {
    expect(ask({})).toEqual({ status: 'unknown' });
  });

  it('trusts a pinned fingerprint and calls any other one on a pinned host changed, naming the pins', () => {
    expect(ask({ pinned: ['NEW'] })).toEqual({ status: 'trusted', by: 'pinned' });
    expect(ask({ pinned: ['OLD'] })).toEqual({ status: 'changed', pinned: ['OLD'] });
  });

  it("lets the workbook's fingerprints win over the pins, both ways", () => {
    expect(ask({ expected: ['NEW'], pinned: ['OLD'] })).toEqual({ status: 'trusted', by: 'expected' });
    expect(ask({ expected: ['OTHER'], pinned: ['NEW'] })).toEqual({ status: 'unexpected', expected: ['OTHER'] });
  });

  it('decides SSH host key fingerprints by the same rules', () => {
    expect(ask({ presented: 'SHA256:b', pinned: ['SHA256:a'] })).toEqual({ status: 'changed', pinned: ['SHA256:a'] });
  });

  it("accepts the certificate's SHA-1 thumbprint where the workbook names one, and never as a pin", () => {
    expect(ask({ presentedSha1: 'SHA1', expected: ['SHA1'] })).toEqual({ status: 'trusted', by: 'expected' });
    expect(ask({ presentedSha1: 'SHA1', expected: ['OTHER-SHA1'] })).toEqual({ status: 'unexpected', expected: ['OTHER-SHA1'] });
    expect(ask({ presentedSha1: 'SHA1', pinned: ['SHA1'] })).toEqual({ status: 'changed', pinned: ['SHA1'] });
    expect(ask({ expected: ['SHA1'] })).toEqual({ status: 'unexpected', expected: ['SHA1'] });
  });
});
