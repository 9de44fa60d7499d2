import type { Command, ShellState } from '../context';
import { ExitRequest, sleepFor } from '../io';
import { resolvePath, writeLine } from '../interpreter';

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', "'": "'", e: '\x1b' };

/** Backslash escapes of `echo -e` and printf; `\c` stops all further output. */
function unescape(text: string): { text: string; stop: boolean } {
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char !== '\\' || next === undefined) result += char;
    else if (next === 'c') return { text: result, stop: true };
    else if (escapes[next] !== undefined) (result += escapes[next]), index++;
    else result += char;
  }
  return { text: result, stop: false };
}

const echo: Command = async ({ io, argv }) => {
  let args = argv.slice(1);
  let newline = true;
  let interpret = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const flag of args[0].slice(1)) {
      if (flag === 'n') newline = false;
      else interpret = flag === 'e';
    }
    args = args.slice(1);
  }
  const joined = args.join(' ');
  const { text, stop } = interpret ? unescape(joined) : { text: joined, stop: false };
  io.stdout.write(text + (newline && !stop ? '\n' : ''));
  return 0;
};

/** printf: %s %d %i %% and escapes; the format is reused while arguments remain, as in bash. */
const printf: Command = async ({ io, argv }) => {
  const [format, ...args] = argv.slice(1);
  if (format === undefined) {
    writeLine(io.stderr, 'printf: usage: printf [-v var] format [arguments]');
    return 2;
  }
  let status = 0;
  let output = '';
  do {
    let used = 0;
    const formatted = format.replace(/%(%|s|d|i|b)/g, (_, spec: string) => {
      if (spec === '%') return '%';
      const value = args.shift() ?? '';
      used++;
      if (spec === 's') return value;
      if (spec === 'b') return unescape(value).text;
      if (value === '') return '0';
      if (!/^[-+]?[0-9]+$/.test(value)) {
        writeLine(io.stderr, `bash: printf: ${value}: invalid number`);
        status = 1;
        return '0';
      }
      return String(Number(value));
    });
    const { text, stop } = unescape(formatted);
    output += text;
    if (stop || used === 0) break;
  } while (args.length > 0);
  io.stdout.write(output);
  return status;
};

const unitSeconds: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

const sleep: Command = async ({ io, argv, signal }) => {
  const operands = argv.slice(1);
  if (operands.length === 0) {
    writeLine(io.stderr, "sleep: missing operand\nTry 'sleep --help' for more information.");
    return 1;
  }
  let seconds = 0;
  for (const operand of operands) {
    const match = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(operand);
    if (!match) {
      writeLine(io.stderr, `sleep: invalid time interval '${operand}'\nTry 'sleep --help' for more information.`);
      return 1;
    }
    seconds += Number(match[1]) * unitSeconds[match[2]!]!;
  }
  // setTimeout holds at most ~24.8 days; sleep longer than that is asleep for good here.
  await sleepFor(Math.min(seconds * 1000, 2 ** 31 - 1), signal);
  return 0;
};

const exit: Command = async ({ shell, io, argv }) => {
  const value = argv[1];
  if (value === undefined) throw new ExitRequest(shell.status);
  if (!/^[-+]?[0-9]+$/.test(value)) {
    writeLine(io.stderr, `bash: exit: ${value}: numeric argument required`);
    throw new ExitRequest(2);
  }
  throw new ExitRequest(((Number(value) % 256) + 256) % 256);
};

const cd: Command = async ({ shell, io, argv }) => {
  const target = argv[1] ?? shell.home;
  const path = resolvePath(shell, target);
  if (!shell.session.host.files.isDirectory(path)) {
    writeLine(io.stderr, `bash: cd: ${target}: No such file or directory`);
    return 1;
  }
  shell.cwd = path;
  shell.vars.set('PWD', path);
  return 0;
};

const set: Command = async ({ shell, argv }) => {
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '-o' || arg === '+o') {
      if (argv[++index] === 'errexit') shell.errexit = arg === '-o';
    } else if (/^[-+][a-zA-Z]+$/.test(arg) && arg.includes('e')) {
      shell.errexit = arg.startsWith('-');
    }
  }
  return 0;
};

const exportCommand: Command = async ({ shell, argv }) => {
  for (const arg of argv.slice(1)) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
    if (match) shell.vars.set(match[1]!, match[2]!);
  }
  return 0;
};

const id: Command = async ({ shell, io, argv }) => {
  const uid = shell.user === 'root' ? 0 : 1000;
  const flags = argv.slice(1).join('');
  if (flags.includes('u')) writeLine(io.stdout, flags.includes('n') ? shell.user : String(uid));
  else writeLine(io.stdout, `uid=${uid}(${shell.user}) gid=${uid}(${shell.user}) groups=${uid}(${shell.user})`);
  return 0;
};

/** A command that prints one line about the shell and succeeds. */
const printing =
  (line: (shell: ShellState) => string): Command =>
  async ({ shell, io }) => {
    writeLine(io.stdout, line(shell));
    return 0;
  };

export const basicCommands: Record<string, Command> = {
  echo,
  printf,
  sleep,
  exit,
  cd,
  set,
  export: exportCommand,
  id,
  true: async () => 0,
  false: async () => 1,
  ':': async () => 0,
  pwd: printing((shell) => shell.cwd),
  whoami: printing((shell) => shell.user),
  hostname: printing((shell) => shell.session.host.name),
};
