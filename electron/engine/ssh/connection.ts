import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { assertTargetAllowed } from '../net/networkScope';
import { connectHop, type HopSettings } from './connectHop';
import { HostKeyTrust } from './hostKey';
import { connectRefused, hopLabel } from './sshErrors';
import type { SshChain, SshConnectOptions, SshHop } from './types';

/** A stable key for a chain: the same hops in the same order share sessions and tunnels. */
export function chainKey(chain: SshChain): string {
  return chain.map((hop) => `${hop.username}@${hop.host.toLowerCase()}:${hop.port}`).join('>');
}

export function chainLabel(chain: SshChain): string {
  return chain.map((hop) => hopLabel(hop)).join(' → ');
}

/** One logged-in path through every hop of a chain; the last client runs commands, SFTP and forwards. */
export class SshConnection {
  private closedFlag = false;
  private readonly closeListeners = new Set<() => void>();

  constructor(
    readonly label: string,
    private readonly clients: Client[],
  ) {
    for (const client of clients) client.once('close', () => this.close());
  }

  /** The target's client (the end of the chain). */
  get client(): Client {
    return this.clients[this.clients.length - 1]!;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Called once when any hop's link drops or `close()` is called; returns an unsubscribe. */
  onClose(listener: () => void): () => void {
    if (this.closedFlag) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Opens a TCP channel from the end of the chain to host:port. */
  forwardOut(host: string, port: number): Promise<Duplex> {
    return forwardFrom(this.client, this.label, host, port);
  }

  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    // Innermost first, so each bastion sees its channel end cleanly.
    for (const client of [...this.clients].reverse()) client.end();
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }
}

function forwardFrom(client: Client, via: string, host: string, port: number): Promise<Duplex> {
  assertTargetAllowed(host, port);
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => {
      if (error) reject(connectRefused(`${host}:${port}`, via, error.message.replace(/^\(SSH\) /, '').toLowerCase()));
      else resolve(stream);
    });
  });
}

export interface ResolvedConnectSettings extends HopSettings {
  redactor?: { add(secret: string): void };
}

export function resolveConnectSettings(options: SshConnectOptions): ResolvedConnectSettings {
  return {
    trust: new HostKeyTrust(options.store, options.prompt, options.now),
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 20_000,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
    redactor: options.redactor,
  };
}

function registerSecrets(hop: SshHop, redactor: ResolvedConnectSettings['redactor']): void {
  if (!redactor) return;
  for (const secret of [hop.auth.password, hop.auth.passphrase]) if (secret && !secret.isEmpty) redactor.add(secret.reveal());
}

/** Logs in to each hop in turn, each through the one before (like `ssh -J`). */
export async function connectChain(chain: SshChain, settings: ResolvedConnectSettings, signal: AbortSignal): Promise<SshConnection> {
  if (chain.length === 0) throw new Error('connectChain needs at least one hop');
  for (const hop of chain) {
    assertTargetAllowed(hop.host, hop.port);
    registerSecrets(hop, settings.redactor);
  }
  const clients: Client[] = [];
  try {
    for (const [index, hop] of chain.entries()) {
      const previous = clients[index - 1];
      const sock = previous ? await forwardFrom(previous, hopLabel(chain[index - 1]!), hop.host, hop.port) : null;
      clients.push(await connectHop(hop, sock, settings, signal));
    }
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
  return new SshConnection(chainLabel(chain), clients);
}
