/*
 * The one Content-Security-Policy of the app. The Electron shell sends it as
 * a header, the web host as a header, and the built index.html carries it as
 * a <meta> (injected by renderer/vite.config.ts), so a page opened without
 * either host is held to it too.
 *
 * `connect-src 'self'` covers the web host's own WebSocket: in CSP3 `'self'`
 * also matches ws:/wss: of the page's origin, so no port or address is named.
 */
export const cspDirectives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy cannot carry (CSP3 §6.4: browsers ignore them there, with a console warning). */
const headerOnlyDirectives: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as a header value (`'header'`) or as the content of `<meta http-equiv="Content-Security-Policy">` (`'meta'`). */
export function serializeCsp(where: 'header' | 'meta', directives: Readonly<Record<string, readonly string[]>> = cspDirectives): string {
  return Object.entries(directives)
    .filter(([name]) => where === 'header' || !headerOnlyDirectives.has(name))
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The header value both hosts send. */
export const contentSecurityPolicy = serializeCsp('header');

/**
 * The page with its CSP <meta> right after `<meta charset>`, so the policy
 * governs everything after it. The renderer build runs this on index.html.
 */
export function withCspMeta(html: string, directives: Readonly<Record<string, readonly string[]>> = cspDirectives): string {
  const charset = /<meta charset="utf-8"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('index.html has no <meta charset="utf-8">: the CSP <meta> has nowhere to go.');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${serializeCsp('meta', directives)}" />`;
  return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
}

/** The dev server's React refresh preamble is an inline script; only the dev server allows them. */
export const devServerCspDirectives: Readonly<Record<string, readonly string[]>> = {
  ...cspDirectives,
  'script-src': [...(cspDirectives['script-src'] ?? []), "'unsafe-inline'"],
};
