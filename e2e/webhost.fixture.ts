import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page, type TestInfo } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
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
class HostProcess implements WebHost {
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

export const test = base.extend<{ webHost: WebHost; shot: (name: string) => Promise<void> }>({
  webHost: async ({}, use) => {
    if (!existsSync(join(root, 'dist-renderer/index.html')) || !existsSync(join(root, 'dist-renderer/bridge.js'))) {
      throw new Error('dist-renderer/ is incomplete: run `npm run build:renderer` first.');
    }
    const home = await mkdtemp(join(tmpdir(), 'rackpilot-e2e-'));
    const host = new HostProcess(home);
    try {
      await host.start();
      await use(host);
    } finally {
      await host.stop();
      await rm(home, { recursive: true, force: true });
    }
  },
  /** Saves a full-page screenshot of the current screen to e2e/artifacts/screens/<spec>--<test>--NN-name.png. */
  shot: async ({ page }, use, testInfo) => {
    let count = 0;
    await use(async (name) => {
      count++;
      await page.screenshot({ path: screenshotPath(testInfo, count, name), fullPage: true });
    });
  },
});

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function screenshotPath(testInfo: TestInfo, count: number, name: string): string {
  const spec = slug(testInfo.file.split(/[\\/]/).pop()!.replace(/\.spec\.ts$/, ''));
  return join(root, 'e2e/artifacts/screens', `${spec}--${slug(testInfo.title)}--${String(count).padStart(2, '0')}-${slug(name)}.png`);
}

export { expect } from '@playwright/test';
export type { Page };
