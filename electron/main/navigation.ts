import { pathToFileURL } from 'node:url';
import type { WebContentsLike } from './deps';

function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** True when `url` is the renderer's own index file (query and hash ignored). */
export function isAppPage(url: string, indexPath: string, platform: string = process.platform): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  const actual = decodedPath(parsed.pathname);
  const expected = decodedPath(pathToFileURL(indexPath).pathname);
  if (actual === null || expected === null) return false;
  // Windows paths ignore case; elsewhere they do not.
  return platform === 'win32' ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}

/** The URL when it is a plain web link the system browser may open; null for every other scheme. */
export function externalLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export interface NavigationPolicy {
  indexPath: string;
  openExternal(url: string): Promise<void>;
  log(message: string): void;
  platform?: string;
}

/**
 * The window shows one page, ever. Navigation away from it, redirects, new
 * windows and <webview> are refused; web links go to the system browser
 * (and only web links: file:, javascript:, custom schemes never leave here).
 */
export function hardenWebContents(contents: WebContentsLike, policy: NavigationPolicy): void {
  const handOut = (url: string): void => {
    const link = externalLink(url);
    if (link === null) {
      policy.log(`Blocked a navigation to ${url.slice(0, 200)}`);
      return;
    }
    policy.openExternal(link).catch((cause: unknown) => policy.log(`Could not open ${link}: ${String(cause)}`));
  };
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAppPage(url, policy.indexPath, policy.platform)) return;
    event.preventDefault();
    handOut(url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, policy.indexPath, policy.platform)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    handOut(url);
    return { action: 'deny' };
  });
}
