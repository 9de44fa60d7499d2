import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, devServerCspDirectives, serializeCsp, withCspMeta } from '../../../shared/csp';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { startWebHost, type WebHost } from './webHost';

/*
 * The page's <meta> and the web host's header both come from shared/csp.ts.
 * The page is what the renderer build makes of renderer/index.html (its vite
 * plugin runs withCspMeta; e2e/00-security.spec.ts checks the real build),
 * served by a real web host; the Electron header is checked in
 * electron/main/csp.test.ts.
 */

const root = mkdtempSync(join(tmpdir(), 'rp-csp-'));
let engine: EngineService;
let host: WebHost;

function builtIndexHtml(): string {
  const source = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
  expect(metaPolicies(source)).toEqual([]);
  return withCspMeta(source);
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)].map((match) => match[1]!);
}

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), builtIndexHtml());
  engine = await createEngineService({ dataDir: join(root, 'data'), host: 'web', version: 'test' });
  host = await startWebHost({ engine, staticDir: root });
});

afterAll(async () => {
  await host.close();
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

describe('one CSP for the page and both hosts', () => {
  it('the served page carries exactly one CSP meta, the shared policy, and the header is the shared policy', async () => {
    const response = await fetch(host.url);
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(metaPolicies(html)).toEqual([serializeCsp('meta')]);
  });

  it('names no address or port for the WebSocket: the same origin is enough', () => {
    expect(contentSecurityPolicy).toContain("connect-src 'self';");
    expect(contentSecurityPolicy).not.toMatch(/ws:|127\.0\.0\.1|localhost/);
  });

  it('keeps header-only directives out of the meta, where browsers ignore them', () => {
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(serializeCsp('meta')).not.toContain('frame-ancestors');
    expect(serializeCsp('meta')).toContain("script-src 'self';");
  });

  it('relaxes only script-src, and only for the dev server', () => {
    const devHtml = withCspMeta('<head><meta charset="utf-8" /></head>', devServerCspDirectives);
    expect(metaPolicies(devHtml)).toEqual([serializeCsp('meta').replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")]);
  });
});
