import { posix } from 'node:path';
import { FileStore, FileStoreError } from '../fileStore';
import type { Command, CommandContext, Io, SessionContext, ShellState } from './context';
import { homeOf } from './context';
import { ExitRequest, Input, nullOutput, SandboxLimit, type Output } from './io';
import { parseScript, type Redirect, type ScriptItem, type SimpleCommand } from './parser';
import { ShellSyntaxError, type Word } from './tokenizer';

export const maxDepth = 16;
export const maxScriptBytes = 1024 * 1024;
const maxSteps = 100_000;
const systemDirectories = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin']);

/** The command table, filled by commands/index.ts (commands run scripts too, hence the late binding). */
export const commands = new Map<string, Command>();

export function loginShell(session: SessionContext, user = session.account.name): ShellState {
  const home = homeOf(user);
  return {
    session,
    user,
    home,
    cwd: home,
    vars: new Map([
      ['HOME', home],
      ['USER', user],
      ['LOGNAME', user],
      ['SHELL', '/bin/bash'],
      ['PATH', '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin'],
      ['HOSTNAME', session.host.name],
    ]),
    positional: ['bash'],
    status: 0,
    lastBackground: null,
    errexit: false,
    depth: 0,
    steps: { count: 0 },
  };
}

/** A `bash -c`/`sudo` child: copies the environment, starts its own status and options. */
export function childShell(parent: ShellState, changes: Partial<Pick<ShellState, 'user' | 'home' | 'positional' | 'errexit'>>): ShellState {
  if (parent.depth + 1 > maxDepth) throw new SandboxLimit(`bash: maximum nesting level exceeded (the lab allows ${maxDepth} nested shells)`);
  const child: ShellState = { ...parent, vars: new Map(parent.vars), status: 0, lastBackground: null, errexit: false, depth: parent.depth + 1, positional: [parent.positional[0]!], ...changes };
  if (changes.user) for (const name of ['USER', 'LOGNAME']) child.vars.set(name, changes.user);
  if (changes.home) child.vars.set('HOME', changes.home);
  return child;
}

export const resolvePath = (shell: ShellState, path: string): string => FileStore.resolve(path, shell.cwd);

export const writeLine = (output: Output, text: string): void => output.write(`${text}\n`);

/** Writes a command's error line and gives back its exit status. */
export function complain(stderr: Output, message: string, status: number): number {
  writeLine(stderr, message);
  return status;
}

function partText(shell: ShellState, part: Word['parts'][number]): string {
  if (part.kind === 'text') return part.value;
  if (part.name === '?') return String(shell.status);
  if (part.name === '!') return shell.lastBackground === null ? '' : String(shell.lastBackground);
  if (part.name === '$') return '4242';
  if (part.name === '#') return String(shell.positional.length - 1);
  if (part.name === '@' || part.name === '*') return shell.positional.slice(1).join(' ');
  if (/^[0-9]$/.test(part.name)) return shell.positional[Number(part.name)] ?? '';
  return shell.vars.get(part.name) ?? '';
}

/** One word's text where a single string is wanted (a redirection's target, a process's command line): `$@` joined by spaces. */
function expandWord(shell: ShellState, word: Word): string | null {
  const text = word.parts.map((part) => partText(shell, part)).join('');
  // An unquoted word that expands to nothing is no word at all (`echo $UNSET` has no argument).
  return text === '' && !word.parts.some((part) => part.quoted) ? null : text;
}

/**
 * A command word's arguments: `$@` gives one argument per positional
 * parameter (what the text before it joins the first, what follows the
 * last), and none at all when there are none, quoted or not; this is what
 * makes `exec "$@"` pass argv through intact. The lab splits no other
 * expansion into fields (an unquoted `$@` keeps a parameter's spaces too).
 */
function expandArguments(shell: ShellState, word: Word): string[] {
  const isAt = (part: Word['parts'][number]) => part.kind === 'var' && part.name === '@';
  const parameters = shell.positional.slice(1);
  if (!word.parts.some(isAt)) {
    const text = expandWord(shell, word);
    return text === null ? [] : [text];
  }
  if (parameters.length === 0) {
    // With no parameters `$@` is nothing at all, even quoted (`set --; printf x "$@"` passes no argument);
    // an empty text around it is then no argument either (the lab cannot tell `"$@"` from `"$@"''`).
    const text = word.parts.filter((part) => !isAt(part)).map((part) => partText(shell, part)).join('');
    return text === '' ? [] : [text];
  }
  const fields: string[] = [];
  let current = '';
  for (const part of word.parts) {
    if (!isAt(part)) {
      current += partText(shell, part);
      continue;
    }
    parameters.forEach((parameter, index) => {
      if (index > 0) (fields.push(current), (current = ''));
      current += parameter;
    });
  }
  fields.push(current);
  return fields;
}

function fileOutput(shell: ShellState, path: string, truncate: boolean): Output {
  if (path === '/dev/null') return nullOutput;
  if (path === '/dev/stderr' || path === '/dev/stdout') throw new ShellSyntaxError(`${path} is not simulated by the lab`);
  const files = shell.session.host.files;
  const absolute = resolvePath(shell, path);
  files.create(absolute, truncate);
  return { kind: 'file', write: (chunk) => files.append(absolute, typeof chunk === 'string' ? Buffer.from(chunk) : chunk) };
}

/** Applies redirections left to right, as the shell does (`>f 2>&1` sends both to f; `2>&1 >f` only stdout). */
function redirected(shell: ShellState, io: Io, redirects: Redirect[]): Io {
  const result = { ...io };
  for (const redirect of redirects) {
    const target = expandWord(shell, redirect.target);
    if (target === null) throw new ShellSyntaxError('ambiguous redirect');
    try {
      applyRedirect(shell, result, redirect, target);
    } catch (error) {
      // bash names the file: `bash: /etc/none: No such file or directory`.
      if (error instanceof FileStoreError) throw new FileStoreError(error.code, `${target}: ${error.message}`);
      throw error;
    }
  }
  return result;
}

function applyRedirect(shell: ShellState, result: Io, redirect: Redirect, target: string): void {
  if (redirect.fd > 2) throw new ShellSyntaxError(`file descriptor ${redirect.fd} is not simulated by the lab`);
  const slot = redirect.fd === 0 ? 'stdin' : redirect.fd === 1 ? 'stdout' : 'stderr';
  if (redirect.op === '<') {
    if (slot !== 'stdin') throw new ShellSyntaxError(`${redirect.fd}< is not simulated by the lab`);
    result.stdin = target === '/dev/null' ? Input.of(null) : Input.of(shell.session.host.files.read(resolvePath(shell, target)));
  } else if (redirect.op === '>&') {
    if (slot === 'stdin' || (target !== '1' && target !== '2')) throw new ShellSyntaxError(`${redirect.fd}>&${target} is not simulated by the lab`);
    result[slot] = target === '1' ? result.stdout : result.stderr;
  } else {
    if (slot === 'stdin') throw new ShellSyntaxError(`0> is not simulated by the lab`);
    result[slot] = fileOutput(shell, target, redirect.op === '>');
  }
}

const isScript = (content: Buffer) => content.subarray(0, 2).toString() === '#!' || !content.subarray(0, 4096).includes(0);

/** Runs argv as a command: a built-in (also by its /bin path), a script file from the store, or 127. */
export async function runArgv(context: CommandContext): Promise<number> {
  const { shell, io, argv } = context;
  const name = argv[0]!;
  const builtin = commands.get(systemDirectories.has(posix.dirname(name)) ? posix.basename(name) : name);
  if (builtin) return builtin(context);
  if (!name.includes('/')) {
    writeLine(io.stderr, `bash: ${name}: command not found`);
    return 127;
  }
  const path = resolvePath(shell, name);
  const stat = shell.session.host.files.stat(path);
  if (!stat) {
    writeLine(io.stderr, `bash: ${name}: No such file or directory`);
    return 127;
  }
  const content = stat.kind === 'file' ? shell.session.host.files.read(path) : null;
  if (!content || (stat.mode & 0o111) === 0 || !isScript(content)) {
    writeLine(io.stderr, `bash: ${name}: ${stat.kind === 'directory' ? 'Is a directory' : 'Permission denied'}`);
    return 126;
  }
  return runScriptText(childShell(shell, { positional: argv }), io, context.signal, content.toString('utf8'));
}

async function runSimple(shell: ShellState, io: Io, signal: AbortSignal, command: SimpleCommand): Promise<number> {
  if (++shell.steps.count > maxSteps) throw new SandboxLimit(`the script ran more than the lab's ${maxSteps} commands`);
  // Yield now and then: a long script of instant commands must not hold the event loop (other sessions, the host).
  if (shell.steps.count % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  try {
    const argv = command.words.flatMap((word) => expandArguments(shell, word));
    const values = command.assignments.map(({ name, value }) => [name, expandWord(shell, value) ?? ''] as const);
    const commandIo = redirected(shell, io, command.redirects);
    if (argv.length === 0) {
      for (const [name, value] of values) shell.vars.set(name, value);
      return 0;
    }
    // `NAME=value cmd` sets NAME for cmd only.
    const scoped = values.length > 0 ? { ...shell, vars: new Map([...shell.vars, ...values]) } : shell;
    return await runArgv({ shell: scoped, io: commandIo, signal, argv });
  } catch (error) {
    if (error instanceof FileStoreError) {
      writeLine(io.stderr, `bash: ${error.message}`);
      return 1;
    }
    if (error instanceof ShellSyntaxError) {
      writeLine(io.stderr, `bash: ${error.message}`);
      return error.message.startsWith('syntax error') ? 2 : 1;
    }
    throw error;
  }
}

async function runAndOr(shell: ShellState, io: Io, signal: AbortSignal, item: ScriptItem): Promise<number> {
  let status = await runSimple(shell, io, signal, item.andOr.first);
  shell.status = status;
  for (const { op, command } of item.andOr.rest) {
    if ((op === '&&') !== (status === 0)) continue;
    status = await runSimple(shell, io, signal, command);
    shell.status = status;
  }
  return status;
}

function describe(item: ScriptItem, shell: ShellState): string {
  const commandText = (command: SimpleCommand) => command.words.map((word) => expandWord(shell, word) ?? '').join(' ');
  return [commandText(item.andOr.first), ...item.andOr.rest.map(({ op, command }) => `${op} ${commandText(command)}`)].join(' ');
}

/** Runs parsed items; `exit` unwinds here with its status unless the caller handles ExitRequest itself (an interactive shell). */
async function runItems(shell: ShellState, io: Io, signal: AbortSignal, items: ScriptItem[], catchExit: boolean): Promise<number> {
  try {
    for (const item of items) {
      if (item.background) {
        const background = { ...shell, vars: new Map(shell.vars) };
        const backgroundIo = { ...io, stdin: Input.of(null) };
        shell.lastBackground = shell.session.host.processes.start(describe(item, shell), (own) => runAndOr(background, backgroundIo, own, item));
        shell.status = 0;
        continue;
      }
      const status = await runAndOr(shell, io, signal, item);
      const guarded = item.andOr.rest.length > 0 && item.andOr.rest[item.andOr.rest.length - 1]!.op === '||';
      if (shell.errexit && status !== 0 && !guarded) return status;
    }
    return shell.status;
  } catch (error) {
    if (catchExit && error instanceof ExitRequest) return error.status;
    throw error;
  }
}

/** Parses and runs a script; a syntax error is bash's message and status 2. */
export async function runScriptText(shell: ShellState, io: Io, signal: AbortSignal, script: string, catchExit = true): Promise<number> {
  if (Buffer.byteLength(script) > maxScriptBytes) throw new SandboxLimit(`the script is larger than the lab's ${maxScriptBytes} bytes`);
  let items: ScriptItem[];
  try {
    items = parseScript(script);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    writeLine(io.stderr, `bash: ${error.message}`);
    return 2;
  }
  return runItems(shell, io, signal, items, catchExit);
}
