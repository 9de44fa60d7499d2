import { createServer, type Server, type Socket } from 'node:net';
import { AppFailure, appError, errorWords, toAppError, type AppError, type ErrorWords } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { LoginRefused } from '../net/endpointSessions';
import { assertTargetAllowed } from '../net/networkScope';
import { retryDelayMs, sleep } from '../net/backoff';
import type { RetryPolicy } from '../runner/types';
import { chainKey, chainLabel, connectChain, resolveConnectSettings, type ResolvedConnectSettings, type SshConnection } from './connection';
import { sshCancelled } from './sshErrors';
import type { SshChain, SshConnectOptions } from './types';

export interface TunnelRequest {
  /** The bastions to go through, first to last; the last one connects to host:port. */
  chain: SshChain;
  host: string;
  port: number;
  /** A fixed local port; default: one the system picks. */
  localPort?: number;
}

export interface TunnelLease {
  localPort: number;
  /** Once per lease; the tunnel closes when its last lease is released. */
  release(): void;
}

/*
 *   opening ──chain connected──> open ──link dropped or health probe unanswered──> reconnecting ──connected──> open
 *      │                                                                               │
 *      └──────────────── login or host key refused, last release, close() ─────────────┴──> closed
 */
export type TunnelState =
  | { kind: 'opening' }
  | { kind: 'open'; connection: SshConnection }
  | { kind: 'reconnecting'; attempt: number; lastError: string }
  | { kind: 'closed'; lastError: string | null };

export interface TunnelStatus {
  via: string;
  remote: string;
  localPort: number;
  state: TunnelState['kind'];
  users: number;
  /** Local connections being carried now. */
  connections: number;
  reconnects: number;
  lastError: string | null;
}

export interface TunnelPoolOptions extends SshConnectOptions {
  /** Waits between reconnect attempts. Default 0.5 s doubling to 10 s, forever until closed. */
  reconnect?: Omit<RetryPolicy, 'maxAttempts'>;
  /** How often an open tunnel checks that its link still carries a channel. Default 15 s. */
  healthIntervalMs?: number;
}

class Tunnel {
  state: TunnelState = { kind: 'opening' };
  users = 0;
  reconnects = 0;
  /** Why it closed, in the reader's words (the state keeps the English). */
  closedBy: ErrorWords | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly lifetime = new AbortController();
  private waiters: (() => void)[] = [];
  private healthTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly request: TunnelRequest,
    private readonly server: Server,
    private readonly settings: ResolvedConnectSettings,
    private readonly options: TunnelPoolOptions,
  ) {
    server.on('connection', (socket) => void this.carry(socket));
  }

  get localPort(): number {
    return (this.server.address() as { port: number }).port;
  }

  get isClosed(): boolean {
    return this.state.kind === 'closed';
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Resolves when open; rejects when the first connection is refused. */
  async open(): Promise<void> {
    this.attach(await connectChain(this.request.chain, this.settings, this.lifetime.signal));
    this.healthTimer = setInterval(() => void this.probe(), this.options.healthIntervalMs ?? 15_000);
    this.healthTimer.unref();
  }

  close(failure: AppError | null = null): void {
    if (this.state.kind === 'closed') return;
    const connection = this.state.kind === 'open' ? this.state.connection : null;
    this.state = { kind: 'closed', lastError: failure?.title ?? null };
    this.closedBy = failure ? errorWords(failure) : null;
    clearInterval(this.healthTimer);
    this.lifetime.abort();
    connection?.close();
    this.server.close();
    for (const socket of this.sockets) socket.destroy();
    this.wake();
  }

  private attach(connection: SshConnection): void {
    if (this.state.kind === 'closed') return connection.close();
    this.state = { kind: 'open', connection };
    connection.onClose(() => {
      if (this.state.kind === 'open' && this.state.connection === connection) void this.reconnect('the SSH link dropped');
    });
    this.wake();
  }

  private async reconnect(reason: string): Promise<void> {
    const policy = { maxAttempts: Infinity, baseDelayMs: 500, maxDelayMs: 10_000, jitter: 0.2, ...this.options.reconnect };
    for (let attempt = 1; ; attempt++) {
      if (this.state.kind === 'closed') return;
      this.state = { kind: 'reconnecting', attempt, lastError: reason };
      try {
        await sleep(retryDelayMs(policy, attempt), this.lifetime.signal, text('wait.tunnelReconnect'));
        const connection = await connectChain(this.request.chain, this.settings, this.lifetime.signal);
        this.reconnects++;
        return this.attach(connection);
      } catch (error) {
        if (this.isClosed) return;
        const failure = toAppError(error);
        reason = failure.title;
        // A refused login is not retried: the customer's directory would lock the account.
        if (error instanceof LoginRefused) return this.close(failure);
      }
    }
  }

  /** A channel to the remote address answers (or is refused by it); a link that does neither is dropped. */
  private async probe(): Promise<void> {
    if (this.state.kind !== 'open') return;
    const connection = this.state.connection;
    const timeout = new Promise<'silent'>((resolve) => setTimeout(resolve, 10_000, 'silent').unref());
    const answer = connection.forwardOut(this.request.host, this.request.port).then(
      (stream) => stream.destroy(),
      () => undefined,
    );
    if ((await Promise.race([answer, timeout])) === 'silent') connection.close();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits (while reconnecting) for an open link, then joins the socket to a channel to host:port. */
  private async carry(socket: Socket): Promise<void> {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    while (this.state.kind === 'opening' || this.state.kind === 'reconnecting') await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.state.kind !== 'open' || socket.destroyed) return void socket.destroy();
    try {
      const channel = await this.state.connection.forwardOut(this.request.host, this.request.port);
      channel.on('error', () => socket.destroy());
      channel.once('close', () => socket.destroy());
      socket.once('close', () => channel.destroy());
      socket.pipe(channel).pipe(socket);
    } catch {
      socket.destroy();
    }
  }
}

/**
 * Local forwards on 127.0.0.1, one per chain and remote address, shared by
 * every step that needs it: `acquire` opens it (or joins the open one),
 * `release` of the last lease closes it.
 */
export class TunnelPool {
  private readonly tunnels = new Map<string, Promise<Tunnel>>();
  private readonly settings: ResolvedConnectSettings;

  constructor(private readonly options: TunnelPoolOptions) {
    this.settings = resolveConnectSettings(options);
  }

  async acquire(request: TunnelRequest, signal?: AbortSignal): Promise<TunnelLease> {
    assertTargetAllowed(request.host, request.port);
    const key = `${chainKey(request.chain)}|${request.host.toLowerCase()}:${request.port}|${request.localPort ?? 'any'}`;
    let pending = this.tunnels.get(key);
    if (!pending) {
      pending = this.start(request);
      this.tunnels.set(key, pending);
      pending.catch(() => this.tunnels.delete(key));
    }
    const tunnel = await (signal ? abortable(pending, signal) : pending);
    if (tunnel.isClosed) {
      // Its link was refused on a reconnect; the reason stands until every lease is released.
      const error = tunnel.closedBy ?? text('ssh.tunnel.closedBare');
      throw new AppFailure(appError('network', text('ssh.tunnel.closed', { target: `${request.host}:${request.port}`, chain: chainLabel(request.chain), error }), { retryable: false }));
    }
    tunnel.users++;
    let released = false;
    return {
      localPort: tunnel.localPort,
      release: () => {
        if (released) return;
        released = true;
        if (--tunnel.users > 0) return;
        this.tunnels.delete(key);
        this.live.delete(tunnel);
        tunnel.close();
      },
    };
  }

  /** Every tunnel with a lease (a closed one stays listed, with its error, until released). */
  status(): TunnelStatus[] {
    return [...this.live].map(describe);
  }

  close(): void {
    for (const tunnel of this.live) tunnel.close();
    this.live.clear();
    this.tunnels.clear();
  }

  private readonly live = new Set<Tunnel>();

  private async start(request: TunnelRequest): Promise<Tunnel> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(request.localPort ?? 0, '127.0.0.1', () => resolve());
    });
    const tunnel = new Tunnel(request, server, this.settings, this.options);
    this.live.add(tunnel);
    try {
      await tunnel.open();
      return tunnel;
    } catch (error) {
      tunnel.close(toAppError(error));
      this.live.delete(tunnel);
      throw error;
    }
  }
}

function describe(tunnel: Tunnel): TunnelStatus {
  const state = tunnel.state;
  return {
    via: chainLabel(tunnel.request.chain),
    remote: `${tunnel.request.host}:${tunnel.request.port}`,
    localPort: tunnel.localPort,
    state: state.kind,
    users: tunnel.users,
    connections: tunnel.connections,
    reconnects: tunnel.reconnects,
    lastError: state.kind === 'reconnecting' || state.kind === 'closed' ? state.lastError : null,
  };
}

function abortable<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof AppFailure ? signal.reason : sshCancelled(text('ssh.cancel.tunnelOpen')));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
