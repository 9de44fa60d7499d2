import { contentSecurityPolicy } from '../../shared/csp';
import type { HeadersDetails, HeadersResponse, SessionLike } from './deps';

/** The policy of shared/csp.ts; the header is the primary copy, the renderer's <meta> the fallback. */
export { contentSecurityPolicy };

/** Response headers with our policy replacing any other CSP (header names compare case-insensitively). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [contentSecurityPolicy];
  return result;
}

export function installCsp(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details: HeadersDetails, callback: (response: HeadersResponse) => void) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}

/** The app needs no camera, notifications, geolocation or anything else a page may ask for. */
export function denyPermissions(session: SessionLike, log?: (message: string) => void): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log?.(`Denied a permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
