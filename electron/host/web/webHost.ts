import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { contentSecurityPolicy } from '../../../shared/csp';
import type { EngineService } from '../../engine/service/types';
import { checkRequest, cookieName } from './requestGuard';
import type { SocketLimits } from './socketSession';
import { cacheControlFor, prepareIndexHtml, readStaticFile } from './staticFiles';

export interface WebHostOptions {
  /**
   * The engine, or its opening: the host listens (and serves the UI) at once,
   * and sockets that arrive before the engine is open wait for it.
   */
  engine: EngineService | Promise<EngineService>;
  /** The built renderer (dist-renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Per-socket bounds; tests lower them. */
  socketLimits?: Partial<SocketLimits>;
  /** Where failures of the listening socket itself go (never a client's protocol error, never a secret). */
  warn?: (message: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const maxMessageBytes = 1024 * 1024;

function securityHeaders(): Record<string, string> {
  return {
    // shared/csp.ts: `connect-src 'self'` already admits this page's WebSocket on the same origin.
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Serves the renderer and the contract over a WebSocket, on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  const handleRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const verdict = checkRequest(request, port, token);
    const headers = securityHeaders();
    if (!verdict.allowed) {
      response.writeHead(verdict.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Refused: ${verdict.reason}. Open the URL that Rackpilot printed when it started.\n`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const file = await readStaticFile(options.staticDir, path);
    if (!file) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(path === '/' ? 'The UI is not built yet: run `npm run build:renderer`.\n' : 'Not found.\n');
      return;
    }
    const isIndex = file.contentType.startsWith('text/html');
    const body = isIndex ? Buffer.from(prepareIndexHtml(file.body.toString('utf8'), token)) : file.body;
    headers['Cache-Control'] = cacheControlFor(path);
    if (verdict.tokenFromQuery) {
      headers['Set-Cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(body.length) });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((request, response) => {
    handleRequest(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  // The socket layer (ws, the contract's schemas) and the engine load after the URL is out; until then
  // a handshake waits here, so a tab that opens early is answered late rather than refused.
  let acceptSockets: Promise<SocketAcceptor> | undefined;
  const waiting = new Set<Duplex>();
  server.on('upgrade', (request, socket, head) => {
    // Node hands the raw socket over without an 'error' listener; a client resetting now must not end the host.
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(request, port, token);
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    if (!verdict.allowed || path !== '/ws') {
      socket.end(`HTTP/1.1 ${verdict.allowed ? 404 : verdict.status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
    // A socket that closed meanwhile (or was closed by close()) has left `waiting` and is not answered.
    const stillWaiting = () => waiting.delete(socket);
    acceptSockets!.then(
      (accept) => stillWaiting() && accept(request, socket, head),
      () => stillWaiting() && socket.end('HTTP/1.1 503 Engine unavailable\r\nConnection: close\r\n\r\n'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // After listen, errors are the accept loop's (EMFILE under a connection flood): the server keeps listening.
  server.on('error', (error) => warn(`Rackpilot web host: ${error.message}`));
  acceptSockets = socketAcceptor(options);
  // Nothing may wait on a failed opening unobserved; its owner (who opened the engine) reports it.
  acceptSockets.catch(() => undefined);

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const socket of waiting) socket.destroy();
      waiting.clear();
      await acceptSockets?.then((accept) => accept.close(), () => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type SocketAcceptor = ((request: IncomingMessage, socket: Duplex, head: Buffer) => void) & { close(): void };

async function socketAcceptor(options: WebHostOptions): Promise<SocketAcceptor> {
  const [{ WebSocketServer }, { attachSocket, defaultSocketLimits }, engine] = await Promise.all([import('ws'), import('./socketSession'), options.engine]);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const limits = { ...defaultSocketLimits, ...options.socketLimits };
  const accept = (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(ws, engine, limits));
  return Object.assign(accept, {
    close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  });
}
