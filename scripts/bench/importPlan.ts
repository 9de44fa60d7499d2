/*
 * Import + validation of a large v1 plan against exceljs's bare reads of the
 * same file (the full reader and the streaming one). Each mode runs in its
 * own process so peak memory (max RSS, worker threads included) is its own;
 * in it, the first run is reported apart (cold: module loading, JIT, the
 * parser worker's start) and the median of the next runs is the figure for
 * an engine that is already up. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench/importPlan.ts [--vms 10000] [--runs 5] [--keep plan.xlsx]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

async function writePlan(path: string, vmCount: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Project').addRows([['Project name', 'Benchmark site'], ['Organisation', 'Example Corp']]);
  workbook.addWorksheet('Endpoints').addRows([
    ['Name', 'Kind', 'Address', 'User', 'Password'],
    ['pve1', 'proxmox', '10.0.0.11', 'root@pam', 'secret'],
  ]);
  const networks = workbook.addWorksheet('Networks');
  networks.addRow(['Name', 'Endpoint', 'VLAN', 'Subnet (CIDR)', 'Gateway', 'DNS', 'Bridge']);
  for (let n = 0; n < 4; n++) networks.addRow([`net-${n}`, 'pve1', 100 + n, `10.${10 + n}.0.0/16`, `10.${10 + n}.0.1`, '10.0.0.53', 'vmbr0']);
  workbook.addWorksheet('Scripts').addRows([['Name', 'Run on', 'Commands', 'Sudo'], ['base', 'all', 'apt-get update', 'yes']]);
  const vms = workbook.addWorksheet('VMs');
  vms.addRow(['Name', 'Endpoint', 'Node / cluster', 'OS', 'vCPU', 'Memory', 'Disk', 'Network', 'IP', 'VMID', 'Scripts', 'User', 'Password', 'Notes']);
  const oses = ['ubuntu', 'centos', 'windows'];
  for (let i = 0; i < vmCount; i++) {
    const net = i % 4;
    const host = Math.floor(i / 4) + 10;
    vms.addRow([`vm-${i}`, 'pve1', `pve-${i % 3}`, oses[i % 3], 2 + (i % 4), `${4 + (i % 3) * 4} GiB`, 40 + (i % 5) * 10, `net-${net}`, `10.${10 + net}.${Math.floor(host / 250)}.${(host % 250) + 2}`, null, 'base', 'ops', 'pw', `row ${i}`]);
  }
  await workbook.xlsx.writeFile(path);
}

type Mode = 'bare' | 'bare-stream' | 'import';

async function once(mode: Mode, path: string): Promise<{ ms: number; detail: string }> {
  const start = performance.now();
  if (mode === 'bare') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    return { ms: performance.now() - start, detail: `${workbook.getWorksheet('VMs')?.rowCount ?? 0} rows` };
  }
  if (mode === 'bare-stream') {
    let rows = 0;
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache' })) {
      for await (const row of sheet) rows += row.hasValues ? 1 : 0;
    }
    return { ms: performance.now() - start, detail: `${rows} rows in all sheets` };
  }
  const { importPlan } = await import('../../electron/engine/plan/importPlan');
  const result = await importPlan(path);
  return { ms: performance.now() - start, detail: `${result.plan?.vms.length ?? 0} VMs, ${result.summary.errors} errors, ${result.summary.warnings} warnings` };
}

async function measure(mode: Mode, path: string, runs: number): Promise<void> {
  const cold = await once(mode, path);
  const coldRssMb = process.resourceUsage().maxRSS / 1024;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push((await once(mode, path)).ms);
  console.log(JSON.stringify({ coldMs: cold.ms, warmMs: median(warm), coldRssMb, maxRssMb: process.resourceUsage().maxRSS / 1024, detail: cold.detail }));
  if (mode === 'import') {
    const { disposeSpareParseWorker } = await import('../../electron/engine/plan/workbook');
    await disposeSpareParseWorker();
  }
}

interface Sample {
  coldMs: number;
  warmMs: number;
  /** Peak after the first (cold) run alone: one import's footprint. */
  coldRssMb: number;
  maxRssMb: number;
  detail: string;
}

async function sample(mode: Mode, path: string, runs: number): Promise<Sample> {
  const args = ['--import', 'tsx', self, '--measure', mode, '--file', path, '--runs', String(runs)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Sample;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const runs = argument('runs', 5);
  const measureIndex = process.argv.indexOf('--measure');
  if (measureIndex > 0) {
    await measure(process.argv[measureIndex + 1] as Mode, process.argv[process.argv.indexOf('--file') + 1]!, runs);
    return;
  }
  const vmCount = argument('vms', 10_000);
  const keepIndex = process.argv.indexOf('--keep');
  const dir = await mkdtemp(join(tmpdir(), 'rackpilot-bench-'));
  try {
    const path = keepIndex > 0 ? process.argv[keepIndex + 1]! : join(dir, 'plan.xlsx');
    await writePlan(path, vmCount);
    console.log(`plan: ${vmCount} VMs, ${((await stat(path)).size / 1024 / 1024).toFixed(1)} MB; ${runs} warm runs per mode`);
    const bare = await sample('bare', path, runs);
    const stream = await sample('bare-stream', path, runs);
    const imported = await sample('import', path, runs);
    const results = [['exceljs full read', bare], ['exceljs stream read', stream], ['import + validation', imported]] as const;
    for (const [mode, result] of results) {
      console.log(`${mode.padEnd(20)} warm median ${result.warmMs.toFixed(0)} ms, cold ${result.coldMs.toFixed(0)} ms, peak RSS cold ${result.coldRssMb.toFixed(0)} MB, after all runs ${result.maxRssMb.toFixed(0)} MB (${result.detail})`);
    }
    for (const [name, peer] of [['full', bare], ['stream', stream]] as const) {
      const ratio = (ours: number, theirs: number): string => `${(ours / theirs).toFixed(2)}x`;
      console.log(`import vs exceljs ${name}: warm ${ratio(imported.warmMs, peer.warmMs)}, cold ${ratio(imported.coldMs, peer.coldMs)}, peak RSS cold ${ratio(imported.coldRssMb, peer.coldRssMb)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
