import type { FileStore } from '../fileStore';
import type { GuestUser } from '../preparation';
import type { Input, Output } from './io';
import type { ProcessTable } from './processes';

/** One machine the lab pretends to be: its files and background processes. */
export interface HostContext {
  name: string;
  files: FileStore;
  processes: ProcessTable;
}

/** What one SSH connection carries into its commands. */
export interface SessionContext {
  host: HostContext;
  account: GuestUser;
  /** sudo's cached credentials, for this connection (`sudo -k` clears it). */
  sudo: { ticket: boolean };
}

/** A shell's own state; `sh -c` gets a child copy. */
export interface ShellState {
  session: SessionContext;
  user: string;
  home: string;
  cwd: string;
  vars: Map<string, string>;
  /** $0, $1, … */
  positional: string[];
  status: number;
  lastBackground: number | null;
  errexit: boolean;
  depth: number;
  /** Commands run so far by this exec and its children (a shared counter bounds runaway recursion). */
  steps: { count: number };
}

export interface Io {
  stdin: Input;
  stdout: Output;
  stderr: Output;
}

export interface CommandContext {
  shell: ShellState;
  io: Io;
  signal: AbortSignal;
  /** argv[0] is the command name. */
  argv: string[];
}

export type Command = (context: CommandContext) => Promise<number>;

export const homeOf = (user: string): string => (user === 'root' ? '/root' : `/home/${user}`);
