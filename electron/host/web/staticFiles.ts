import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Resolves a URL path inside `root` only; anything that climbs out is not found. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative === '' || relative === '.' ? 'index.html' : relative);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    return { body: await readFile(full), contentType: contentTypes[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}

/**
 * Vite names what it builds under assets/ by a hash of the content, so such a
 * name never changes meaning and the browser may keep it. The page (it carries
 * the token) and the bridge (a fixed name) are always fetched afresh.
 * Nothing is compressed: on loopback the main chunk (260 KB) arrives in 2-3 ms
 * as it is, about 4 ms pre-gzipped (the browser inflates it) and 10-25 ms
 * gzipped per request.
 */
export function cacheControlFor(urlPath: string): string {
  return /^\/assets\/[\w.-]+-[\w-]{8}\.(js|css)$/.test(urlPath) ? 'private, max-age=31536000, immutable' : 'no-store';
}

/** The bridge script must run before the app, and the token travels in a meta tag, never in script. */
export function prepareIndexHtml(html: string, token: string): string {
  const head = `<meta name="rackpilot-token" content="${token}">\n    <script src="./bridge.js"></script>`;
  return html.replace(/<head>/i, `<head>\n    ${head}`);
}
