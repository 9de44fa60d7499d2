import type { Command } from '../context';
import { nextEvent } from '../io';
import { resolvePath, writeLine } from '../interpreter';

interface TailOptions {
  /** Last `count` lines, or from line `count` on when `fromStart`. */
  count: number;
  fromStart: boolean;
  /** -f follows the open file; -F (`--follow=name --retry`) also waits for it to appear and reopens it. */
  follow: 'no' | 'descriptor' | 'name';
  file: string;
}

function parseTail(argv: string[]): TailOptions | string {
  const options: TailOptions = { count: 10, fromStart: false, follow: 'no', file: '' };
  const files: string[] = [];
  const count = (value: string | undefined): string | null => {
    const match = value === undefined ? null : /^(\+?)([0-9]+)$/.exec(value);
    if (!match) return `tail: invalid number of lines: '${value ?? ''}'`;
    options.fromStart = match[1] === '+';
    options.count = Number(match[2]);
    return null;
  };
  let operandsOnly = false;
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index]!;
    let problem: string | null = null;
    // `--` ends the options (getopt, as GNU tail): what follows is a file even when it starts with `-`.
    if (operandsOnly) files.push(arg);
    else if (arg === '--') operandsOnly = true;
    else if (arg === '-n' || arg === '--lines') problem = count(argv[++index]);
    else if (/^-n.+$/.test(arg)) problem = count(arg.slice(2));
    else if (arg.startsWith('--lines=')) problem = count(arg.slice(8));
    else if (/^-[0-9]+$/.test(arg)) problem = count(arg.slice(1));
    else if (arg === '-f' || arg === '--follow' || arg === '--follow=descriptor') options.follow = options.follow === 'name' ? 'name' : 'descriptor';
    else if (arg === '-F' || arg === '--follow=name') options.follow = 'name';
    else if (arg === '--retry' || arg === '-q' || arg === '-s') continue;
    else if (arg.startsWith('-') && arg !== '-') problem = `tail: invalid option -- '${arg.slice(1)}'`;
    else files.push(arg);
    if (problem) return problem;
  }
  if (files.length !== 1) return files.length === 0 ? 'tail: reading standard input is not simulated by the lab' : 'tail: following several files is not simulated by the lab';
  options.file = files[0]!;
  return options;
}

function selectLines(content: Buffer, options: TailOptions): Buffer {
  const starts = [0];
  for (let at = content.indexOf(10); at >= 0 && at + 1 < content.length; at = content.indexOf(10, at + 1)) starts.push(at + 1);
  if (content.length === 0) return content;
  if (options.fromStart) return content.subarray(starts[Math.max(0, options.count - 1)] ?? content.length);
  return options.count === 0 ? Buffer.alloc(0) : content.subarray(starts[Math.max(0, starts.length - options.count)]!);
}

/** tail with GNU coreutils' messages; following ends only with the channel or a signal. */
const tail: Command = async ({ shell, io, argv, signal }) => {
  const options = parseTail(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, options);
    return 1;
  }
  const files = shell.session.host.files;
  const path = resolvePath(shell, options.file);
  const shown = options.file;
  const initial = files.stat(path);
  if (initial?.kind === 'directory') {
    writeLine(io.stderr, `tail: error reading '${shown}': Is a directory`);
    if (options.follow === 'no') return 1;
  }
  if (!initial) {
    writeLine(io.stderr, `tail: cannot open '${shown}' for reading: No such file or directory`);
    if (options.follow !== 'name') return 1;
  }
  let offset = 0;
  if (initial?.kind === 'file') {
    const content = files.read(path);
    io.stdout.write(selectLines(content, options));
    offset = content.length;
  }
  if (options.follow === 'no') return 0;
  let present = initial?.kind === 'file';
  for (;;) {
    await nextEvent(signal, (wake) => files.watch(path, wake));
    const now = files.stat(path);
    if (now?.kind !== 'file') {
      if (present && options.follow === 'name') writeLine(io.stderr, `tail: '${shown}' has become inaccessible: No such file or directory`);
      present = false;
      continue;
    }
    if (!present) {
      if (options.follow !== 'name') continue;
      writeLine(io.stderr, `tail: '${shown}' has appeared;  following new file`);
      present = true;
      offset = 0;
    } else if (now.size < offset) {
      writeLine(io.stderr, `tail: ${shown}: file truncated`);
      offset = 0;
    }
    if (now.size > offset) {
      io.stdout.write(files.readAt(path, offset, now.size - offset));
      offset = now.size;
    }
  }
};

export const tailCommands: Record<string, Command> = { tail };
