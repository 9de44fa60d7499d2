/*
 * Start-up: how long `rackpilot` takes to be useful, each figure the median
 * of several spawns, next to a peer measured in the same run (the machine
 * is shared, so only same-run ratios mean anything):
 *
 *   node -e 0                      the floor for any Node program
 *   rackpilot --help               vs node -e 0
 *   serve: the URL line            vs a bare node:http server printing its URL
 *   deploy --demo: first event     vs node -e 0
 *   serve: first paint             vs the same browser painting a bare server's page
 *   source stamp                   the bundle's staleness check, in-process
 *
 * Every spawn gets a fresh RACKPILOT_HOME and RACKPILOT_NETWORK_SCOPE=loopback.
 *
 *   npx tsx scripts/bench/startup.ts [rounds]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright';
// @ts-expect-error: a plain .mjs script without type declarations
import { sourceStamp } from '../cliBundle.mjs';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin/rackpilot.mjs');
const rounds = Number(process.argv[2] ?? 7);
const homes: string[] = [];

function freshEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'rp-bench-startup-'));
  homes.push(home);
  return { ...process.env, RACKPILOT_HOME: home, RACKPILOT_NETWORK_SCOPE: 'loopback' };
}

/** Spawns `args`; resolves with the ms until `done(line)` holds for a stdout line (or until exit when no predicate). */
function timeSpawn(args: string[], done?: (line: string) => boolean): Promise<{ ms: number; line: string }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: freshEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
    child.on('error', reject);
    if (!done) {
      child.stdout.resume();
      child.on('exit', () => resolvePromise({ ms: performance.now() - started, line: '' }));
      return;
    }
    let seen: { ms: number; line: string } | null = null;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (seen || !done(line)) return;
      seen = { ms: performance.now() - started, line };
      child.kill('SIGTERM');
    });
    child.on('exit', (code) => (seen ? resolvePromise(seen) : reject(new Error(`${args.join(' ')} exited (${code}) before the awaited line`))));
  });
}

const isUrl = (line: string) => line.startsWith('http://127.0.0.1:');
const bareServer = `require('node:http').createServer((q, s) => s.end('<!doctype html><title>peer</title><h1>Rackpilot</h1>')).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port + '/'); })`;

/** ms from spawn to the page's first contentful paint, with the browser already running. */
async function firstPaint(browser: Browser, args: string[]): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, args, { env: freshEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolveUrl) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => isUrl(line) && (lines.close(), resolveUrl(line)));
    });
    const page = await browser.newPage();
    await page.goto(url);
    const paintedAt = await page.waitForFunction(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return paint ? performance.timeOrigin + paint.startTime : null;
    });
    const ms = (await paintedAt.jsonValue())! - started;
    await page.close();
    return ms;
  } finally {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
  }
}

async function median(measure: () => Promise<number>): Promise<number> {
  await measure(); // one warm-up: the first start may build the bundle or the UI, which is not what is measured
  const figures: number[] = [];
  for (let i = 0; i < rounds; i++) figures.push(await measure());
  figures.sort((a, b) => a - b);
  return figures[Math.floor(figures.length / 2)]!;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const nodeFloor = await median(async () => (await timeSpawn(['-e', '0'])).ms);
    const help = await median(async () => (await timeSpawn([cli, '--help'])).ms);
    const bareUrl = await median(async () => (await timeSpawn(['-e', bareServer], isUrl)).ms);
    const serveUrl = await median(async () => (await timeSpawn([cli, 'serve', '--port', '0'], isUrl)).ms);
    const demoArgs = [cli, 'deploy', '--demo', '--json', '--targets', '1', '--step-ms', '0'];
    const firstEvent = await median(async () => (await timeSpawn(demoArgs, (line) => line.includes('"seq"'))).ms);
    const barePaint = await median(() => firstPaint(browser, ['-e', bareServer]));
    const servePaint = await median(() => firstPaint(browser, [cli, 'serve', '--port', '0']));
    const stamp = await median(async () => {
      const started = performance.now();
      sourceStamp();
      return performance.now() - started;
    });

    const row = (what: string, ours: number, peerName: string, peer: number) =>
      console.log(`${what.padEnd(30)} ${ours.toFixed(0).padStart(6)} ms   ${peerName.padEnd(28)} ${peer.toFixed(0).padStart(6)} ms   ${(ours / peer).toFixed(2)}x`);
    console.log(`median of ${rounds} runs each (after one warm-up), same run:\n`);
    console.log(`${'node -e 0'.padEnd(30)} ${nodeFloor.toFixed(0).padStart(6)} ms`);
    row('rackpilot --help', help, 'node -e 0', nodeFloor);
    row('serve: URL line', serveUrl, 'bare node:http URL line', bareUrl);
    row('deploy --demo: first event', firstEvent, 'node -e 0', nodeFloor);
    row('serve: first paint from spawn', servePaint, 'bare server: first paint', barePaint);
    console.log(`${'bundle staleness check'.padEnd(30)} ${stamp.toFixed(1).padStart(6)} ms   (in-process, warm file cache)`);
  } finally {
    await browser.close();
    for (const home of homes) rmSync(home, { recursive: true, force: true });
  }
}

await main();
