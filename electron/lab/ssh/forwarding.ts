import { connect, type Socket } from 'node:net';
import type { AcceptConnection, RejectConnection, ServerChannel, TcpipRequestInfo } from 'ssh2';

const loopbackNames = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface ForwardingRoutes {
  /** The prepared host a destination names, or null. */
  lookupHost(nameOrAddress: string): string | null;
  /** This server's own port: a channel to a prepared host is connected back here. */
  ownPort(): number;
  /** Tells the server which host the connection from `localPort` stands for (before its first byte); returns the release for when it closes. */
  expectTunnel(localPort: number, host: string): () => void;
  /** Tracked so close() can end them. */
  track(socket: Socket): void;
}

/**
 * A `direct-tcpip` channel, as a bastion serves it: loopback targets are
 * connected for real (a refused connection is "connect failed"), a prepared
 * host is this server playing that host, anything else is refused (a
 * channel-open failure) so a rehearsal never reaches out.
 */
export function forward(accept: AcceptConnection<ServerChannel>, reject: RejectConnection, info: TcpipRequestInfo, routes: ForwardingRoutes): void {
  const host = routes.lookupHost(info.destIP);
  const loopback = loopbackNames.has(info.destIP.toLowerCase());
  if (!host && !loopback) return reject();
  if (!Number.isInteger(info.destPort) || info.destPort < 1 || info.destPort > 65535) return reject();
  const socket = host ? connect(routes.ownPort(), '127.0.0.1') : connect(info.destPort, info.destIP.replace(/^\[|\]$/g, ''));
  routes.track(socket);
  let channel: ServerChannel | null = null;
  socket.once('connect', () => {
    if (host) socket.once('close', routes.expectTunnel(socket.localPort!, host));
    channel = accept();
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
    socket.on('close', () => channel?.close());
    socket.pipe(channel).pipe(socket);
  });
  socket.on('error', () => {
    if (!channel) reject();
    socket.destroy();
  });
}
