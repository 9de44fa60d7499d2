import { FileStoreError } from '../../fileStore';
import type { Command } from '../context';
import type { Output } from '../io';
import { resolvePath, writeLine } from '../interpreter';

/** Runs `each` per operand, reporting `NAME: cannot … 'operand': reason` for store errors; status 1 if any failed. */
async function perOperand(name: string, verb: string, operands: string[], stderr: Output, each: (operand: string) => void): Promise<number> {
  let status = 0;
  for (const operand of operands) {
    try {
      each(operand);
    } catch (error) {
      if (!(error instanceof FileStoreError)) throw error;
      writeLine(stderr, `${name}: ${verb ? `${verb} '${operand}'` : operand}: ${error.message}`);
      status = 1;
    }
  }
  return status;
}

const splitFlags = (argv: string[]): { flags: string; operands: string[] } => {
  const operands: string[] = [];
  let flags = '';
  let ended = false;
  for (const arg of argv.slice(1)) {
    if (!ended && arg === '--') ended = true;
    else if (!ended && /^-[A-Za-z]+$/.test(arg)) flags += arg.slice(1);
    else operands.push(arg);
  }
  return { flags, operands };
};

const cat: Command = async ({ shell, io, argv, signal }) => {
  const operands = argv.length > 1 ? argv.slice(1) : ['-'];
  let status = 0;
  for (const operand of operands) {
    if (operand === '-') {
      for (let chunk = await io.stdin.read(signal); chunk; chunk = await io.stdin.read(signal)) io.stdout.write(chunk);
      continue;
    }
    status |= await perOperand('cat', '', [operand], io.stderr, () => io.stdout.write(shell.session.host.files.read(resolvePath(shell, operand))));
  }
  return status;
};

const mkdir: Command = async ({ shell, io, argv }) => {
  const { flags, operands } = splitFlags(argv);
  const files = shell.session.host.files;
  return perOperand('mkdir', 'cannot create directory', operands, io.stderr, (operand) => {
    const path = resolvePath(shell, operand);
    if (!flags.includes('p') && files.stat(path)) throw new FileStoreError('EISDIR', 'File exists');
    files.mkdir(path);
  });
};

const rm: Command = async ({ shell, io, argv }) => {
  const { flags, operands } = splitFlags(argv);
  const files = shell.session.host.files;
  const recursive = /[rR]/.test(flags);
  return perOperand('rm', 'cannot remove', operands, io.stderr, (operand) => {
    const path = resolvePath(shell, operand);
    if (flags.includes('f') && !files.stat(path)) return;
    files.remove(path, recursive);
  });
};

const touch: Command = async ({ shell, io, argv }) =>
  perOperand('touch', 'cannot touch', splitFlags(argv).operands, io.stderr, (operand) => shell.session.host.files.touch(resolvePath(shell, operand)));

/** chmod with an octal mode or `[ugoa]*[+-=][rwx]+` (what install scripts use: `chmod +x`, `chmod 755`). */
const chmod: Command = async ({ shell, io, argv }) => {
  const [mode, ...operands] = splitFlags(argv).operands;
  const symbolic = mode ? /^([ugoa]*)([+=-])([rwx]+)$/.exec(mode) : null;
  if (!mode || (!/^[0-7]{3,4}$/.test(mode) && !symbolic) || operands.length === 0) {
    writeLine(io.stderr, mode ? `chmod: invalid mode: '${mode}'` : 'chmod: missing operand');
    return 1;
  }
  const files = shell.session.host.files;
  return perOperand('chmod', 'cannot access', operands, io.stderr, (operand) => {
    const path = resolvePath(shell, operand);
    const current = files.stat(path);
    if (!current) throw new FileStoreError('ENOENT', 'No such file or directory');
    if (current.kind === 'directory') return;
    if (!symbolic) return files.chmod(path, parseInt(mode, 8));
    const [, who, op, perms] = symbolic;
    const shifts = (who === '' || who!.includes('a') ? 'ugo' : who!).split('').map((letter) => ({ u: 6, g: 3, o: 0 })[letter as 'u' | 'g' | 'o']);
    const bits = shifts.reduce((sum, shift) => sum | ([...perms!].reduce((value, perm) => value | ({ r: 4, w: 2, x: 1 })[perm as 'r' | 'w' | 'x'], 0) << shift), 0);
    files.chmod(path, op === '+' ? current.mode | bits : op === '-' ? current.mode & ~bits : bits);
  });
};

export const fileCommands: Record<string, Command> = { cat, mkdir, rm, touch, chmod };
