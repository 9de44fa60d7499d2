// Streamed multipart upload throughput and memory, next to `curl -F` in the same run.
// Run: npx tsx scripts/bench/uploadThroughput.ts [--size-mib 2048] [--rounds 2]
//      [--url URL --field name=value ... --file-field filename --header 'Name: value' --fingerprint AB:CD:..]
// The uploading side runs as its own node process (uploadRunner.ts bundled by esbuild).
// Without --url the target is a sink server in a separate process on 127.0.0.1 that
// discards the body and counts its bytes. With --url (the Proxmox lab, a real node),
// both sides upload to it with the same fields and headers. Aim: >= 90% of curl, RSS < 150 MB.
// Our side is measured with SHA-256 in the same pass and without hashing. With --checksum,
// the file's SHA-256 is computed once ahead (as import does, cached by path, size and mtime)
// and both sides send `checksum-algorithm` and `checksum` before the file, so the target
// verifies: the no-hashing run is then what the Proxmox provider does.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RunnerInput, RunnerOutput } from './uploadRunner';

interface BenchTarget {
  url: string;
  fields: [string, string][];
  fileField: string;
  headers: Record<string, string>;
  fingerprint?: string;
  close(): void;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const options = (name: string): string[] => args.flatMap((arg, at) => (arg === `--${name}` && args[at + 1] ? [args[at + 1]!] : []));
const sizeMiB = Number(option('size-mib') ?? 2048);
const rounds = Number(option('rounds') ?? 2);
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const sinkSource = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => { bytes += chunk.length; });
  req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ bytes })); });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function sinkTarget(): Promise<BenchTarget> {
  const child: ChildProcess = spawn(process.execPath, ['-e', sinkSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
  return { url: `http://127.0.0.1:${port}/upload`, fields: [['content', 'iso']], fileField: 'filename', headers: {}, close: () => child.kill() };
}

function givenTarget(url: string): BenchTarget {
  const cut = (text: string, separator: string): [string, string] => {
    const at = text.indexOf(separator);
    return at < 0 ? [text, ''] : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  };
  const fields = options('field').map((pair) => cut(pair, '='));
  const headers = Object.fromEntries(options('header').map((line) => cut(line, ':')));
  const fingerprint = option('fingerprint');
  return { url, fields, fileField: option('file-field') ?? 'filename', headers, ...(fingerprint ? { fingerprint } : {}), close: () => undefined };
}

interface Run {
  seconds: number;
  /** CPU seconds of the uploading process (user + system); null when not measurable. */
  cpu: number | null;
  maxRss?: number;
  startRss?: number;
}

/** Bundles the runner once, as the engine ships (esbuild, plain node): no tsx in the measured process. */
async function bundleRunner(dir: string): Promise<string> {
  const outfile = join(dir, 'uploadRunner.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./uploadRunner.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // axios' CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

function ours(runner: string, target: BenchTarget, file: string, algorithms: string[]): Promise<Run> {
  const input: RunnerInput = { file, url: target.url, fields: target.fields, fileField: target.fileField, headers: target.headers, algorithms };
  if (target.fingerprint) input.fingerprint = target.fingerprint;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [runner, JSON.stringify(input)], (error, stdout) => {
      if (error) return reject(error);
      const output = JSON.parse(stdout.trim().split('\n').at(-1)!) as RunnerOutput;
      resolve({ seconds: output.seconds, cpu: output.cpuSeconds, maxRss: output.maxRss, startRss: output.startRss });
    }),
  );
}

const timeTool = '/usr/bin/time';

function curl(target: BenchTarget, file: string): Promise<Run> {
  const curlArgs = ['-sS', '--fail', '-o', '/dev/null', '-w', '%{time_total}'];
  if (target.fingerprint) curlArgs.push('-k'); // the benchmark's own target; our side checks the fingerprint
  for (const [name, value] of Object.entries(target.headers)) curlArgs.push('-H', `${name}: ${value}`);
  for (const [name, value] of target.fields) curlArgs.push('--form-string', `${name}=${value}`);
  curlArgs.push('-F', `${target.fileField}=@${file};type=application/octet-stream`, target.url);
  const timed = existsSync(timeTool);
  const [command, commandArgs] = timed ? [timeTool, ['-f', 'cpu %U %S', '/usr/bin/curl', ...curlArgs]] : ['/usr/bin/curl', curlArgs];
  return new Promise((resolve, reject) =>
    execFile(command, commandArgs, (error, stdout, stderr) => {
      if (error) return reject(error);
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ seconds: Number(stdout), cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null });
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'rp-bench-upload-'));
const file = join(dir, 'bench.iso');
closeSync(openSync(file, 'w'));
await truncate(file, sizeMiB * 1024 * 1024); // sparse: reads cost no disk, so the figures are the upload path's own
const size = sizeMiB * 1024 * 1024;
const gib = size / 1024 ** 3;
const url = option('url');
const target = url ? givenTarget(url) : await sinkTarget();
const runs: Record<'hashed' | 'bare' | 'curl', Run[]> = { hashed: [], bare: [], curl: [] };
const runner = await bundleRunner(dir);
let ahead: { seconds: number; cpu: number } | null = null;
if (args.includes('--checksum')) {
  const { cachedFileHash } = await import('../../electron/engine/transfer/hashCache');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { digest } = await cachedFileHash(file, null);
  const cpu = process.cpuUsage(cpuBefore);
  ahead = { seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  target.fields.push(['checksum-algorithm', 'sha256'], ['checksum', digest]);
}
try {
  await curl(target, file); // warm-up, not counted: the target's first request pays its JIT and page-cache costs
  // Interleaved, so a burst of load from elsewhere on the machine hits all three alike.
  for (let round = 0; round < rounds; round++) {
    runs.hashed.push(await ours(runner, target, file, ['sha256']));
    runs.curl.push(await curl(target, file));
    runs.bare.push(await ours(runner, target, file, []));
  }
} finally {
  target.close();
  rmSync(dir, { recursive: true, force: true });
}

const rate = (run: Run): number => size / 1024 / 1024 / run.seconds;
const best = (list: Run[]): number => Math.max(...list.map(rate));
const cpuPerGib = (list: Run[]): string => {
  const values = list.flatMap((run) => (run.cpu === null ? [] : [run.cpu / gib]));
  return values.length ? `${Math.min(...values).toFixed(2)} CPU-s/GiB` : 'CPU n/a';
};
const line = (label: string, list: Run[]): string => `${label.padEnd(40)} ${list.map((run) => rate(run).toFixed(0)).join(', ')} MiB/s  (${cpuPerGib(list)})`;
console.log(`file: ${mib(size)} (sparse), target: ${url ?? 'sink process on 127.0.0.1'}, rounds: ${rounds}`);
console.log(line('rackpilot, sha256 in the same pass:', runs.hashed));
console.log(line(ahead ? 'rackpilot, known checksum (the provider):' : 'rackpilot, no hashing (transport only):', runs.bare));
console.log(line('curl -F:', runs.curl));
console.log(`best: rackpilot ${best(runs.hashed).toFixed(0)} MiB/s, curl ${best(runs.curl).toFixed(0)} MiB/s, ratio ${((best(runs.hashed) / best(runs.curl)) * 100).toFixed(0)}% (aim: >= 90%)`);
console.log(`best without hashing${ahead ? ' (known checksum, the provider)' : ''}: ${best(runs.bare).toFixed(0)} MiB/s, ratio ${((best(runs.bare) / best(runs.curl)) * 100).toFixed(0)}% of curl`);
if (ahead) console.log(`hashed once ahead (import/cache miss, worker thread): ${ahead.seconds.toFixed(1)} s, ${(ahead.cpu / gib).toFixed(2)} CPU-s/GiB (harness process)`);
const measured = [...runs.hashed, ...runs.bare];
console.log(
  `peak RSS of the uploading process (node, bundled engine code): ${mib(Math.max(...measured.map((run) => run.maxRss ?? 0)))} ` +
    `(at start ${mib(Math.max(...measured.map((run) => run.startRss ?? 0)))}; aim: < 150 MB)`,
);
console.log(`load average at the end: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores (CPU-s/GiB is the load-independent figure)`);
