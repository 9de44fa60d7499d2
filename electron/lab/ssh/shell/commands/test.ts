import type { Command, ShellState } from '../context';
import { resolvePath, writeLine } from '../interpreter';

class TestError extends Error {}

const integer = (value: string): number => {
  if (!/^\s*[-+]?[0-9]+\s*$/.test(value)) throw new TestError(`${value}: integer expression expected`);
  return Number(value);
};

function unary(shell: ShellState, operator: string, operand: string): boolean | null {
  const stat = () => shell.session.host.files.stat(resolvePath(shell, operand));
  switch (operator) {
    case '-n':
      return operand !== '';
    case '-z':
      return operand === '';
    case '-e':
      return stat() !== null;
    case '-f':
      return stat()?.kind === 'file';
    case '-d':
      return stat()?.kind === 'directory';
    case '-s':
      return (stat()?.size ?? 0) > 0 && stat()?.kind === 'file';
    case '-x':
      return ((stat()?.mode ?? 0) & 0o111) !== 0;
    case '-r':
    case '-w':
      return stat() !== null;
    default:
      return null;
  }
}

const comparisons: Record<string, (left: string, right: string) => boolean> = {
  '=': (left, right) => left === right,
  '==': (left, right) => left === right,
  '!=': (left, right) => left !== right,
  '-eq': (left, right) => integer(left) === integer(right),
  '-ne': (left, right) => integer(left) !== integer(right),
  '-lt': (left, right) => integer(left) < integer(right),
  '-le': (left, right) => integer(left) <= integer(right),
  '-gt': (left, right) => integer(left) > integer(right),
  '-ge': (left, right) => integer(left) >= integer(right),
};

/** POSIX test by argument count (no -a/-o): 0 false, 1 non-empty, 2 unary or `! x`, 3 binary or `! unary`. */
function evaluate(shell: ShellState, args: string[]): boolean {
  if (args.length === 0) return false;
  if (args[0] === '!' && args.length > 1) return !evaluate(shell, args.slice(1));
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const result = unary(shell, args[0]!, args[1]!);
    if (result === null) throw new TestError(`${args[0]}: unary operator expected`);
    return result;
  }
  if (args.length === 3) {
    const compare = comparisons[args[1]!];
    if (!compare) throw new TestError(`${args[1]}: binary operator expected`);
    return compare(args[0]!, args[2]!);
  }
  throw new TestError('too many arguments');
}

const test: Command = async ({ shell, io, argv }) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      writeLine(io.stderr, "bash: [: missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(shell, args) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestError)) throw error;
    writeLine(io.stderr, `bash: ${argv[0]}: ${error.message}`);
    return 2;
  }
};

export const testCommands: Record<string, Command> = { test, '[': test };
