import { FileStore } from '../../fileStore';
import type { Command, CommandContext } from '../context';
import { homeOf } from '../context';
import { ExitRequest, type Output } from '../io';
import { childShell, commands, complain, maxScriptBytes, resolvePath, runArgv, runScriptText, writeLine } from '../interpreter';

type ShellSource = { kind: 'argument'; script: string; positional: string[] } | { kind: 'stdin'; positional: string[] } | { kind: 'file'; path: string; positional: string[] };

/** bash's own options: -c/-s pick the script's source; -e is honoured; -x, -u, -o OPTION, -l accepted. */
function parseShellArgs(argv: string[]): { source: ShellSource; errexit: boolean } | string {
  let errexit = false;
  let mode: 'c' | 's' | null = null;
  let index = 1;
  for (; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      index++;
      break;
    }
    if (arg === '--login' || arg === '--norc' || arg === '--noprofile') continue;
    if (!/^[-+][A-Za-z]+$/.test(arg)) break;
    for (const flag of arg.slice(1)) {
      if (flag === 'c' || flag === 's') mode = flag;
      else if (flag === 'e') errexit = arg.startsWith('-');
      else if (flag === 'o') index++;
      else if (!'xulivn'.includes(flag)) return `${argv[0]}: ${arg}: invalid option`;
    }
  }
  const rest = argv.slice(index);
  if (mode === 'c') {
    if (rest.length === 0) return `${argv[0]}: -c: option requires an argument`;
    return { source: { kind: 'argument', script: rest[0]!, positional: rest.length > 1 ? rest.slice(1) : [argv[0]!] }, errexit };
  }
  if (mode === 's' || rest.length === 0) return { source: { kind: 'stdin', positional: [argv[0]!, ...rest] }, errexit };
  return { source: { kind: 'file', path: rest[0]!, positional: rest }, errexit };
}

const shell: Command = async (context) => {
  const { io, argv, signal } = context;
  const parsed = parseShellArgs(argv);
  if (typeof parsed === 'string') {
    writeLine(io.stderr, parsed);
    return 2;
  }
  const { source, errexit } = parsed;
  let script: string;
  if (source.kind === 'argument') script = source.script;
  else if (source.kind === 'stdin') script = (await io.stdin.readAll(signal, maxScriptBytes)).toString('utf8');
  else {
    const files = context.shell.session.host.files;
    const path = resolvePath(context.shell, source.path);
    if (files.stat(path)?.kind !== 'file') {
      writeLine(io.stderr, `${argv[0]}: ${source.path}: No such file or directory`);
      return 127;
    }
    script = files.read(path).toString('utf8');
  }
  return runScriptText(childShell(context.shell, { positional: source.positional, errexit }), io, signal, script);
};

/** Builtins of the shell itself: sudo cannot run them (it execs a program), nor can exec. */
const shellOnly = new Set(['cd', 'exit', 'set', 'export', 'exec']);

/**
 * exec replaces the shell with the command, so the command's status is the
 * shell's and nothing after it runs. Without a command bash would make the
 * redirections the shell's own; the lab applies them to nothing (status 0).
 */
const exec: Command = async (context) => {
  const { io, argv } = context;
  let command = argv.slice(1);
  if (command[0] === '--') command = command.slice(1);
  if (command.length === 0) return 0;
  const name = command[0]!;
  if (shellOnly.has(name) || (!commands.has(name) && !name.includes('/'))) throw new ExitRequest(complain(io.stderr, `bash: exec: ${name}: not found`, 127));
  throw new ExitRequest(await runArgv({ ...context, argv: command }));
};

const sudoUsage = 'usage: sudo [-knS] [-p prompt] [-u user] command [arg ...]';

async function readPassword(context: CommandContext, prompt: string, expected: string | undefined): Promise<boolean> {
  const { io, signal } = context;
  let failures = 0;
  while (failures < 3) {
    io.stderr.write(prompt);
    const line = await io.stdin.readLine(signal);
    if (line === null) {
      if (failures === 0) writeLine(io.stderr, 'sudo: no password was provided');
      break;
    }
    if (expected !== undefined && line === expected) return true;
    failures++;
    writeLine(io.stderr, 'Sorry, try again.');
  }
  if (failures > 0) writeLine(io.stderr, `sudo: ${failures} incorrect password attempt${failures === 1 ? '' : 's'}`);
  return false;
}

/** sudo as a default sudoers with `Defaults !requiretty`: one ticket per connection, 3 tries with -S. */
const sudo: Command = async (context) => {
  const { shell: state, io, argv } = context;
  const account = state.session.account;
  let fromStdin = false;
  let nonInteractive = false;
  let ignoreTicket = false;
  let prompt: string | null = null;
  let runAs = 'root';
  let index = 1;
  for (; index < argv.length && argv[index]!.startsWith('-'); index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      index++;
      break;
    }
    for (let at = 1; at < arg.length; at++) {
      const flag = arg[at]!;
      if (flag === 'S') fromStdin = true;
      else if (flag === 'n') nonInteractive = true;
      else if (flag === 'k') ignoreTicket = true;
      else if (flag === 'p' || flag === 'u') {
        const value = arg.slice(at + 1) || argv[++index];
        if (value === undefined) return complain(io.stderr, `sudo: option requires an argument -- '${flag}'\n${sudoUsage}`, 1);
        if (flag === 'p') prompt = value;
        else runAs = value;
        break;
      } else if (!'EHi'.includes(flag)) return complain(io.stderr, `sudo: invalid option -- '${flag}'\n${sudoUsage}`, 1);
    }
  }
  const command = argv.slice(index);
  if (ignoreTicket) state.session.sudo.ticket = false;
  if (command.length === 0) {
    if (ignoreTicket) return 0;
    writeLine(io.stderr, sudoUsage);
    return 1;
  }
  if (state.user !== 'root' && account.sudo === 'none') {
    writeLine(io.stderr, `${account.name} is not in the sudoers file.`);
    return 1;
  }
  const needsPassword = state.user !== 'root' && account.sudo === 'password' && !state.session.sudo.ticket;
  if (needsPassword) {
    const missing = 'sudo: a password is required';
    if (nonInteractive) return complain(io.stderr, missing, 1);
    if (!fromStdin) return complain(io.stderr, `sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n${missing}`, 1);
    const promptText = (prompt ?? '[sudo] password for %p: ').replace(/%p|%u/g, account.name).replace(/%H|%h/g, state.session.host.name);
    if (!(await readPassword(context, promptText, account.password))) return 1;
    state.session.sudo.ticket = true;
  }
  const name = command[0]!;
  if (shellOnly.has(name) || (!commands.has(name) && !name.includes('/'))) {
    writeLine(io.stderr, `sudo: ${name}: command not found`);
    return 1;
  }
  try {
    return await runArgv({ shell: childShell(state, { user: runAs, home: homeOf(runAs) }), io, signal: context.signal, argv: command });
  } catch (error) {
    // `sudo exit 3` is not possible (exit is refused above); an exit inside a script run by sudo ends that script only.
    if (error instanceof ExitRequest) return error.status;
    throw error;
  }
};

/** nohup appends to nohup.out what would have gone to the session (as to a terminal; see README). */
const nohup: Command = async (context) => {
  const { shell: state, io, argv } = context;
  const command = argv.slice(1);
  if (command.length === 0) {
    writeLine(io.stderr, "nohup: missing operand\nTry 'nohup --help' for more information.");
    return 125;
  }
  if (!commands.has(command[0]!) && !command[0]!.includes('/')) {
    writeLine(io.stderr, `nohup: failed to run command '${command[0]}': No such file or directory`);
    return 127;
  }
  const files = state.session.host.files;
  const logPath = FileStore.resolve('nohup.out', state.cwd);
  let log: Output | null = null;
  const toLog = (output: Output): Output => {
    if (output.kind !== 'channel') return output;
    if (!log) {
      files.create(logPath, false);
      log = { kind: 'file', write: (chunk) => files.append(logPath, typeof chunk === 'string' ? Buffer.from(chunk) : chunk) };
      writeLine(io.stderr, "nohup: ignoring input and appending output to 'nohup.out'");
    }
    return log;
  };
  const stdout = toLog(io.stdout);
  return runArgv({ ...context, io: { stdin: io.stdin, stdout, stderr: toLog(io.stderr) }, argv: command });
};

const signalNumbers: Record<string, string> = { '0': '0', '1': 'HUP', '2': 'INT', '3': 'QUIT', '9': 'KILL', '15': 'TERM', '10': 'USR1', '12': 'USR2' };

const kill: Command = async ({ shell: state, io, argv }) => {
  let signalName = 'TERM';
  let operands = argv.slice(1);
  if (operands[0] === '-s' || operands[0] === '-n') {
    signalName = operands[1] ?? '';
    operands = operands.slice(2);
  } else if (operands[0]?.startsWith('-') && operands[0] !== '--') {
    signalName = operands[0].slice(1);
    operands = operands.slice(1);
  }
  signalName = signalName.toUpperCase().replace(/^SIG/, '');
  signalName = signalNumbers[signalName] ?? signalName;
  if (!Object.values(signalNumbers).includes(signalName)) return complain(io.stderr, `bash: kill: ${signalName}: invalid signal specification`, 1);
  if (operands.length === 0) return complain(io.stderr, 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid ...', 2);
  let status = 0;
  for (const operand of operands) {
    if (!state.session.host.processes.kill(Number(operand), signalName)) {
      writeLine(io.stderr, /^[0-9]+$/.test(operand) ? `bash: kill: (${operand}) - No such process` : `bash: kill: ${operand}: arguments must be process or job IDs`);
      status = 1;
    }
  }
  return status;
};

const pgrep: Command = async ({ shell: state, io, argv }) => {
  const full = argv.slice(1).some((arg) => /^-[a-z]*f/.test(arg));
  const patterns = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  if (patterns.length !== 1) return complain(io.stderr, 'pgrep: no matching criteria specified', 2);
  const pids = state.session.host.processes.find(patterns[0]!, full);
  for (const pid of pids) writeLine(io.stdout, String(pid));
  return pids.length > 0 ? 0 : 1;
};

export const processCommands: Record<string, Command> = { sh: shell, bash: shell, sudo, nohup, kill, pgrep, exec };
