import { connect as tcpConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type Client, type ConnectConfig, type NextAuthHandler } from 'ssh2';
import { AppFailure } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

// ssh2 is CommonJS: its named exports are not visible to Node's ESM loader (tsx, the CLI bundle's fallback).
const { Client: SshClient, utils } = ssh2;
import { hostKeyFingerprint, hostKeyType, type HostKeyTrust } from './hostKey';
import { authFailed, connectRefused, connectTimedOut, hopLabel, keyUnreadable, protocolFailure, sshCancelled } from './sshErrors';
import type { SshHop } from './types';

export interface HopSettings {
  /** Resolves when the presented key may be used; rejecting aborts the handshake before any login. */
  trust: Pick<HostKeyTrust, 'verify'>;
  connectTimeoutMs: number;
  handshakeTimeoutMs: number;
  keepaliveIntervalMs: number;
}

/** A TCP socket to the first hop, with Nagle off: SFTP's many small requests stall behind it otherwise. */
function openSocket(hop: SshHop, timeoutMs: number, signal: AbortSignal): Promise<Socket> {
  const where = hopLabel(hop);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: hop.host, port: hop.port, noDelay: true });
    const timer = setTimeout(() => finish(connectTimedOut(where, 'connect', timeoutMs)), timeoutMs);
    const onAbort = (): void => finish(sshCancelled(text('ssh.cancel.connection', { where })));
    signal.addEventListener('abort', onAbort, { once: true });
    const finish = (failure: AppFailure | null): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      if (failure) {
        socket.destroy();
        reject(failure);
      } else resolve(socket);
    };
    socket.once('connect', () => finish(null));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(connectRefused(where, null, error.code === 'ECONNREFUSED' ? text('ssh.reason.connectionRefused') : (error.code ?? error.message))));
  });
}


/** The methods to try, in OpenSSH's order; each is sent only when the server offers it. */
function authAttempts(hop: SshHop, where: string): { method: AuthenticationType; attempt: AnyAuthMethod }[] {
  const username = hop.username;
  const attempts: { method: AuthenticationType; attempt: AnyAuthMethod }[] = [];
  if (hop.auth.agent) attempts.push({ method: 'publickey', attempt: { type: 'agent', username, agent: hop.auth.agent } });
  if (hop.auth.privateKey !== undefined) {
    const passphrase = hop.auth.passphrase?.reveal();
    const parsed = utils.parseKey(hop.auth.privateKey, passphrase);
    if (parsed instanceof Error) {
      const encrypted = /encrypted|passphrase/i.test(parsed.message);
      throw keyUnreadable(where, encrypted ? (passphrase ? 'wrongPassphrase' : 'noPassphrase') : 'unsupported');
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    attempts.push({ method: 'publickey', attempt: { type: 'publickey', username, key: key! } });
  }
  const password = hop.auth.password?.reveal();
  if (password !== undefined) {
    attempts.push({ method: 'password', attempt: { type: 'password', username, password } });
    attempts.push({
      method: 'keyboard-interactive',
      attempt: { type: 'keyboard-interactive', username, prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)) },
    });
  }
  return attempts;
}

/**
 * Logs in to one hop, over `sock` (a channel through the previous hop) or a
 * new TCP connection. The handshake timer stops while the user is asked
 * about the host key.
 */
export function connectHop(hop: SshHop, sock: Duplex | null, settings: HopSettings, signal: AbortSignal): Promise<Client> {
  const where = hopLabel(hop);
  const attempts = authAttempts(hop, where);
  return (async () => {
    const stream = sock ?? (await openSocket(hop, settings.connectTimeoutMs, signal));
    return new Promise<Client>((resolve, reject) => {
      const client = new SshClient();
      let failure: AppFailure | null = null;
      let offered: string[] | null = null;
      const tried: string[] = [];
      let nextAttempt = 0;
      let timer: NodeJS.Timeout | undefined;
      const armTimer = (): void => {
        timer = setTimeout(() => fail(connectTimedOut(where, 'handshake', settings.handshakeTimeoutMs)), settings.handshakeTimeoutMs);
      };
      const onAbort = (): void => fail(sshCancelled(text('ssh.cancel.connection', { where })));
      const settle = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const fail = (reason: AppFailure): void => {
        failure ??= reason;
        settle();
        client.destroy();
        stream.destroy();
        reject(failure);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();
      armTimer();

      const config: ConnectConfig = {
        sock: stream as ConnectConfig['sock'],
        username: hop.username,
        readyTimeout: 0,
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: 3,
        hostVerifier: (blob: Buffer, verify: (valid: boolean) => void) => {
          clearTimeout(timer);
          const presented = { host: hop.host, port: hop.port, keyType: hostKeyType(blob), fingerprint: hostKeyFingerprint(blob) };
          settings.trust.verify(presented, hop.expectedHostKeys).then(
            () => {
              armTimer();
              verify(true);
            },
            (error: unknown) => {
              failure ??= error instanceof AppFailure ? error : protocolFailure(where, String(error));
              verify(false);
            },
          );
        },
        authHandler: (methodsLeft: AuthenticationType[] | null, _partial: boolean, next: NextAuthHandler) => {
          if (methodsLeft) offered = methodsLeft;
          if (methodsLeft === null && tried.length === 0) {
            // 'none' first: the server's refusal lists the methods it offers.
            tried.push('none');
            return next({ type: 'none', username: hop.username });
          }
          while (nextAttempt < attempts.length) {
            const candidate = attempts[nextAttempt++]!;
            if (offered && !offered.includes(candidate.method)) continue;
            tried.push(candidate.attempt.type === 'agent' ? 'agent' : candidate.method);
            return next(candidate.attempt);
          }
          failure ??= authFailed(where, tried.filter((method) => method !== 'none'), offered);
          (next as unknown as (auth: false) => void)(false); // ssh2 takes false for "no more methods"; its types omit it.
        },
      };
      client.once('ready', () => {
        settle();
        client.removeAllListeners('error');
        // Later errors arrive with 'close'; the connection's owner watches that.
        client.on('error', () => undefined);
        resolve(client);
      });
      client.on('error', (error: Error & { level?: string }) => {
        const message = error.message.replace(/\s+/g, ' ').slice(0, 300);
        fail(failure ?? protocolFailure(where, message));
      });
      client.once('close', () => fail(failure ?? protocolFailure(where, text('ssh.protocol.serverClosed'))));
      client.connect(config);
    });
  })();
}
