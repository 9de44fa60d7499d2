/*
 * Write-back of a 10,000-VM run into a copy of its plan, next to two peers
 * measured on the same file in the same process: exceljs's own read + write
 * of the workbook (the floor for anything that goes through exceljs) and a
 * bare yauzl -> yazl copy of its entries (the floor for the zip layer).
 * The first run of each is reported apart (cold: module loading, JIT); the
 * median of the next runs is the warm figure. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench/writeBack.ts [--vms 10000] [--runs 3]
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { RunResults } from '../../electron/engine/plan/writeBack/types';
import { writeResults } from '../../electron/engine/plan/writeBack/writeResults';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function writePlan(path: string, vmCount: number): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Project').addRows([['Project name', 'Benchmark site'], ['Organisation', 'Example Corp']]);
  workbook.addWorksheet('Endpoints').addRows([['Name', 'Kind', 'Address', 'User', 'Password'], ['pve1', 'proxmox', '10.0.0.11', 'root@pam', 'secret']]);
  const vms = workbook.addWorksheet('VMs');
  vms.addRow(['Name', 'Endpoint', 'Node / cluster', 'OS', 'vCPU', 'Memory', 'Disk', 'Network', 'IP', 'VMID']);
  for (let i = 0; i < vmCount; i++) vms.addRow([`vm-${i}`, 'pve1', `pve-${i % 3}`, 'ubuntu', 2, '4 GiB', 40, 'net-0', `10.10.${Math.floor(i / 250)}.${(i % 250) + 2}`, 1000 + i]);
  await workbook.xlsx.writeFile(path);
}

function resultsFor(vmCount: number): RunResults {
  const t0 = Date.UTC(2025, 4, 6);
  return {
    runId: 'bench',
    planName: 'Benchmark site',
    state: 'failed',
    startedAt: t0,
    endedAt: t0 + 3_600_000,
    items: Array.from({ length: vmCount }, (_, i) => ({
      kind: 'vm' as const,
      name: `vm-${i}`,
      target: `pve1/pve-${i % 3}`,
      status: i % 100 === 7 ? ('failed' as const) : ('succeeded' as const),
      createdIds: i % 100 === 7 ? ({} as Record<string, string>) : { vmid: String(1000 + i), node: `pve-${i % 3}` },
      ips: [`10.10.${Math.floor(i / 250)}.${(i % 250) + 2}`],
      startedAt: t0,
      endedAt: t0 + 60_000,
      durationMs: 60_000,
      error: i % 100 === 7 ? 'clone timed out after 60 s' : null,
      source: { sheet: 'VMs', cell: `A${i + 2}:J${i + 2}` },
    })),
  };
}

async function yazlCopy(source: string, out: string): Promise<void> {
  const zip = await yauzl.fromBufferPromise(await readFile(source));
  const copy = new yazl.ZipFile();
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) {
      copy.addEmptyDirectory(entry.fileName);
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    copy.addBuffer(Buffer.concat(chunks), entry.fileName);
  }
  copy.end();
  const chunks: Buffer[] = [];
  for await (const chunk of copy.outputStream) chunks.push(chunk as Buffer);
  await writeFile(out, Buffer.concat(chunks));
}

async function exceljsRoundTrip(source: string, out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(source);
  await workbook.xlsx.writeFile(out);
}

async function main(): Promise<void> {
  const vmCount = argument('vms', 10_000);
  const runs = argument('runs', 3);
  const dir = await mkdtemp(join(tmpdir(), 'rackpilot-bench-'));
  try {
    const source = join(dir, 'plan.xlsx');
    await writePlan(source, vmCount);
    const results = resultsFor(vmCount);
    console.log(`plan: ${vmCount} VMs, ${((await stat(source)).size / 1024 / 1024).toFixed(1)} MB; ${runs} warm runs each`);
    const modes: Array<[string, (out: string) => Promise<unknown>]> = [
      ['write-back (ours)', (out) => writeResults({ sourcePath: source, outPath: out, results, findings: [], lang: 'en', overwrite: true })],
      ['exceljs read+write', (out) => exceljsRoundTrip(source, out)],
      ['yauzl -> yazl copy', (out) => yazlCopy(source, out)],
    ];
    for (const [name, once] of modes) {
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const start = performance.now();
        await once(join(dir, `out-${i}.xlsx`));
        times.push(performance.now() - start);
      }
      const size = (await stat(join(dir, 'out-0.xlsx'))).size / 1024 / 1024;
      console.log(`${name.padEnd(20)} warm median ${median(times.slice(1)).toFixed(0)} ms, cold ${times[0]!.toFixed(0)} ms, output ${size.toFixed(1)} MB`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
