/**
 * The web host puts the per-launch token into the page twice: as a meta tag
 * it injects into index.html (survives the page changing its own URL) and as
 * the `token` query parameter of the address it prints. The meta tag wins.
 */
export function readPageToken(doc: Pick<Document, 'querySelector'>, search: string): string | null {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="rackpilot-token"]');
  const fromMeta = meta?.content.trim();
  if (fromMeta) return fromMeta;
  const fromQuery = new URLSearchParams(search).get('token')?.trim();
  return fromQuery ? fromQuery : null;
}

/** The socket address for a page served from `location`. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
