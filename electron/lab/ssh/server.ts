import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import ssh2, { type Connection } from 'ssh2';
import type { LabEndpoint } from '../simulators';
import { allowedMethods, judge, maxAuthTries } from './auth';
import { SpaceBudget, type FileStore } from './fileStore';
import { forward } from './forwarding';
import { HostRegistry, labHostName } from './hosts';
import { generateEd25519 } from './keys';
import { parseHost, parsePreparation, parseUser, type GuestUser } from './preparation';
import { serveSession, type ExecRecord } from './session';
import type { HostContext, SessionContext } from './shell/context';

const { Server } = ssh2;

export interface SshLabOptions {
  /** The lab's own account (default `rackpilot`, with a password made for this start). */
  username?: string;
  password?: string;
  /** Bytes all hosts' files may hold together (default 256 MiB). */
  fileBudgetBytes?: number;
}

export interface SshLabSnapshot {
  /** Refused authentication attempts (not counting the `none` probe every client starts with). */
  authFailures: number;
  /** Open SSH connections. */
  connections: number;
  /** The latest 1000 exec requests, oldest first. */
  execs: ExecRecord[];
}

export interface SshLab {
  endpoint: LabEndpoint;
  port: number;
  /** The host key's public half, an authorized_keys/known_hosts line. */
  hostPublicKey: string;
  prepare(preparation: unknown): void;
  /**
   * Another simulator's machine joins the lab (the SmartX lab's CloudTower VM
   * once its IP is set): a host by name and addresses, plus users who may log
   * in anywhere (same shape as `prepare`'s). Kept across `prepare`; `reset` forgets it.
   */
  attachHost(host: { name: string; addresses: string[] }, users?: unknown[]): HostContext;
  /** The attached host is gone (its files and background processes with it). */
  detachHost(name: string): Promise<void>;
  /** One host's in-memory files (the lab's own host by default). */
  files(host?: string): FileStore;
  snapshot(): SshLabSnapshot;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const maxExecRecords = 1000;

/** OpenSSH's fingerprint form: `SHA256:` and the unpadded base64 of the key blob's SHA-256. */
export function fingerprintOf(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/*
 * One SSH connection:
 *   authenticating --accepted--> ready --socket closed--> closed
 *        |---- 6 refusals / socket closed ----------------^
 */
type ConnectionState = { phase: 'authenticating'; failures: number } | { phase: 'ready'; context: SessionContext } | { phase: 'closed' };

/** Starts an SSH server simulator on 127.0.0.1 with a fresh ed25519 host key; close() ends every connection. */
export async function startSshLab(options: SshLabOptions = {}): Promise<SshLab> {
  const hostKey = generateEd25519();
  const hostPublic = hostKey.parsedPublic;
  const fingerprint = fingerprintOf(hostPublic.getPublicSSH());
  const labAccount: GuestUser = { name: options.username ?? 'rackpilot', password: options.password ?? randomBytes(12).toString('base64url'), publicKeys: [], sudo: 'password' };
  const hosts = new HostRegistry(new SpaceBudget(options.fileBudgetBytes ?? 256 * 1024 * 1024));
  let guests = new Map<string, GuestUser>();
  let attachedUsers = new Map<string, GuestUser>();
  let authFailures = 0;
  let execs: ExecRecord[] = [];
  const incoming = new Set<Socket>();
  const outgoing = new Set<Socket>();
  const pendingTunnels = new Map<number, string>();
  const directory = {
    account: (name: string) => guests.get(name) ?? attachedUsers.get(name) ?? (name === labAccount.name ? labAccount : undefined),
    lookupHost: (nameOrAddress: string) => hosts.lookup(nameOrAddress),
    defaultHost: labHostName,
  };
  const record = (entry: ExecRecord) => {
    execs.push(entry);
    if (execs.length > maxExecRecords) execs = execs.slice(-maxExecRecords);
  };

  const sshServer = new Server({ hostKeys: [hostKey.private], ident: 'OpenSSH_9.6p1 rackpilot-lab' });
  const serveConnection = (client: Connection, remotePort: number) => {
    let state: ConnectionState = { phase: 'authenticating', failures: 0 };
    client.on('error', () => undefined);
    client.on('close', () => (state = { phase: 'closed' }));
    client.on('authentication', (ctx) => {
      if (state.phase !== 'authenticating') return ctx.reject();
      // The tunnel registration happens on connect, before the client's first byte, so it is known by now.
      const tunnelHost = pendingTunnels.get(remotePort) ?? null;
      const verdict = judge(ctx, tunnelHost, directory);
      if (verdict.ok === 'keyAcceptable') return ctx.accept();
      if (verdict.ok) {
        pendingTunnels.delete(remotePort);
        state = { phase: 'ready', context: { host: hosts.get(verdict.host), account: verdict.account, sudo: { ticket: false } } };
        return ctx.accept();
      }
      if (ctx.method === 'none') return ctx.reject([...allowedMethods]);
      authFailures++;
      state.failures++;
      ctx.reject([...allowedMethods]);
      if (state.failures >= maxAuthTries) {
        state = { phase: 'closed' };
        client.end();
      }
    });
    client.on('session', (accept) => {
      if (state.phase !== 'ready') return;
      serveSession(accept(), state.context, record);
    });
    client.on('tcpip', (accept, reject, info) =>
      forward(accept, reject, info, {
        lookupHost: (name) => hosts.lookup(name),
        ownPort: () => port,
        expectTunnel: (localPort, host) => {
          pendingTunnels.set(localPort, host);
          return () => pendingTunnels.delete(localPort);
        },
        track: (socket) => track(outgoing, socket),
      }),
    );
  };
  sshServer.on('connection', (client, info) => serveConnection(client, info.port));

  const track = (set: Set<Socket>, socket: Socket) => {
    set.add(socket);
    socket.on('close', () => set.delete(socket));
    socket.on('error', () => undefined);
  };
  // Our own listener feeding ssh2 (injectSocket) so every socket is known and close() can end it.
  const listener = createServer((socket) => {
    track(incoming, socket);
    sshServer.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (listener.address() as { port: number }).port;
  const endAll = () => {
    for (const socket of [...incoming, ...outgoing]) socket.destroy();
    pendingTunnels.clear();
  };
  let closed: Promise<void> | null = null;

  return {
    endpoint: { kind: 'ssh', url: `ssh://127.0.0.1:${port}`, username: labAccount.name, password: labAccount.password!, fingerprint },
    port,
    hostPublicKey: `${hostPublic.type} ${hostPublic.getPublicSSH().toString('base64')}`,
    prepare(preparation) {
      if (closed) throw new Error('ssh lab: prepare after close.');
      const parsed = parsePreparation(preparation);
      guests = new Map(parsed.users.map((user) => [user.name, user]));
      void hosts.define(parsed.hosts);
    },
    attachHost(host, users = []) {
      if (closed) throw new Error('ssh lab: attachHost after close.');
      const parsedHost = parseHost(host, 'host');
      for (const [index, user] of users.entries()) {
        const parsed = parseUser(user, `users[${index}]`);
        attachedUsers.set(parsed.name, parsed);
      }
      return hosts.attach(parsedHost);
    },
    detachHost: (name) => hosts.detach(name.toLowerCase()),
    files: (host = labHostName) => hosts.get(hosts.lookup(host) ?? host).files,
    snapshot: () => ({ authFailures, connections: incoming.size, execs: execs.map((entry) => ({ ...entry })) }),
    async reset() {
      if (closed) throw new Error('ssh lab: reset after close.');
      endAll();
      await hosts.detachAll();
      attachedUsers = new Map();
      await hosts.clear();
      authFailures = 0;
      execs = [];
    },
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
        endAll();
        await stopped;
        await hosts.clear();
      })();
      return closed;
    },
  };
}
