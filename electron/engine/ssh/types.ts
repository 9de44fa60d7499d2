import type { Secret } from '../../../shared/plan/secret';
import type { TrustPin } from '../../../shared/contract/channels';
import type { TrustAnswer, SecretRedactor } from '../net/types';
import type { NewPin } from '../store/types';

/** How to log in to one SSH host. Every method given is tried, in the order agent, key, password. */
export interface SshAuth {
  password?: Secret;
  /** Private key text (OpenSSH or PEM; ed25519, ecdsa, rsa). */
  privateKey?: string | Buffer;
  passphrase?: Secret;
  /** Path of an ssh-agent socket (SSH_AUTH_SOCK). */
  agent?: string;
}

/** One host of a chain: a bastion, or the target at its end. */
export interface SshHop {
  /** The plan's name for it (a jump host's or VM's name), used in messages. */
  name: string;
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  /** Host key fingerprints known in advance (the workbook's `SHA256:...`). */
  expectedHostKeys?: string[];
}

/** Bastions first, the host to reach last, like `ssh -J b1,b2 target`. */
export type SshChain = readonly SshHop[];

/** The part of the store host-key trust needs; `RunStore` implements it. */
export interface HostKeyStore {
  findPins(kind: 'ssh', host: string, port: number): Pick<TrustPin, 'fingerprint'>[];
  addPin(pin: NewPin, now: number): unknown;
}

/** What the Connect screen shows for a host key seen for the first time. */
export interface HostKeyRequest {
  kind: 'ssh';
  host: string;
  port: number;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`... */
  keyType: string;
  /** OpenSSH's form: `SHA256:` and unpadded base64. */
  fingerprint: string;
}

export type HostKeyPrompt = (request: HostKeyRequest) => Promise<TrustAnswer>;

export interface SshConnectOptions {
  store: HostKeyStore;
  prompt?: HostKeyPrompt;
  /** TCP connect, per hop. Default 10 s. */
  connectTimeoutMs?: number;
  /** SSH handshake and login, per hop (a trust prompt's wait is not counted). Default 20 s. */
  handshakeTimeoutMs?: number;
  /** Default 15 s; a link is dropped after 3 unanswered keepalives. */
  keepaliveIntervalMs?: number;
  /** Every password and passphrase of the chain is added to it. */
  redactor?: { add(secret: string): void };
  now?: () => number;
  env?: NodeJS.ProcessEnv;
}

export type LineSource = 'stdout' | 'stderr';
export type OnLine = (source: LineSource, line: string) => void;

export interface ExecOptions {
  /** Run through `sudo`; with a password it is written to sudo's prompt on stdin, never on the command line. */
  sudo?: boolean | { password?: Secret; user?: string };
  /** Kills the remote command (its whole process group) and fails as 'timeout'. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onLine?: OnLine;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string | Buffer;
  /** Applied to every line before `onLine` sees it. */
  redactor?: SecretRedactor;
  /** Longer lines are cut into pieces of this many characters. Default 8192. */
  maxLineLength?: number;
}

export interface ExecResult {
  /** null when the command was ended by a signal. */
  exitCode: number | null;
  /** `SIGTERM`, `SIGKILL`... when the command was ended by a signal. */
  signal: string | null;
}
