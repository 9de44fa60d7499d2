import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from './workbooks';

/*
 * `rackpilot serve` as a child process on a data directory of its own: what
 * the e2e fixture and the benchmarks drive the UI against.
 */
const startupTimeoutMs = 60_000;
const stopTimeoutMs = 15_000;

export interface WebHost {
  /** The address the host printed, with its token: `http://127.0.0.1:PORT/?token=T`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  token: string;
  /** What the host wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** Stops the host (SIGTERM: active runs become interrupted) and starts a new one on the same data; url, port and token change. */
  restart(): Promise<void>;
}

/** Waits for the first stdout line that is the host's URL. */
function readUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let pending = '';
    const timer = setTimeout(() => finish(new Error(`the web host printed no URL within ${startupTimeoutMs} ms:\n${output()}`)), startupTimeoutMs);
    const handleData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const line = lines.find((entry) => entry.startsWith('http://127.0.0.1:'));
      if (line) finish(null, line.trim());
    };
    const handleExit = (code: number | null) => finish(new Error(`the web host exited (code ${code}) before printing its URL:\n${output()}`));
    function finish(error: Error | null, url?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', handleData);
      child.off('exit', handleExit);
      if (error) reject(error);
      else resolvePromise(url!);
    }
    child.stdout?.on('data', handleData);
    child.once('exit', handleExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

/** A running `rackpilot serve`; `restart()` stops it and starts another on the same data directory. */
export class HostProcess implements WebHost {
  url = '';
  origin = '';
  port = 0;
  token = '';
  private child: ChildProcess | null = null;
  private log = '';

  constructor(private readonly home: string) {}

  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(root, 'bin/rackpilot.mjs'), 'serve', '--port', '0'], {
      cwd: root,
      env: { ...process.env, RACKPILOT_HOME: this.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString('utf8')));
    const url = await readUrl(child, () => this.log);
    const parsed = new URL(url);
    Object.assign(this, { url, origin: parsed.origin, port: Number(parsed.port), token: parsed.searchParams.get('token') ?? '' });
  }

  async stop(): Promise<void> {
    if (this.child) await stop(this.child);
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

