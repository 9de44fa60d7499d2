import { describe, expect, it } from 'vitest';
import { serializeCsp } from '../../shared/csp';
import { contentSecurityPolicy, denyPermissions, installCsp, withCsp } from './csp';
import { FakeSession } from './fakeElectron';

describe('CSP', () => {
  it('adds the policy to every response, replacing any other CSP header', () => {
    const session = new FakeSession();
    installCsp(session);
    const answers: unknown[] = [];
    session.headersListener?.(
      { responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      (response) => answers.push(response),
    );
    session.headersListener?.({}, (response) => answers.push(response));
    expect(answers).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] } },
      { responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } },
    ]);
  });

  it('is the strict policy of shared/csp.ts, the one the renderer ships', () => {
    expect(contentSecurityPolicy).toBe(serializeCsp('header'));
    const directives = new Map(contentSecurityPolicy.split('; ').map((part) => [part.split(' ')[0], part]));
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('denies every permission request and check', () => {
    const session = new FakeSession();
    denyPermissions(session);
    const granted: boolean[] = [];
    session.requestHandler?.({}, 'media', (answer) => granted.push(answer));
    session.requestHandler?.({}, 'notifications', (answer) => granted.push(answer));
    expect(granted).toEqual([false, false]);
    expect(session.checkHandler?.({}, 'clipboard-read')).toBe(false);
  });
});
