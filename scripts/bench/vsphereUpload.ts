/*
 * Datastore upload throughput to vcsim: Rackpilot's streamed PUT (SHA-256
 * in the same pass, progress, the session cookie) next to curl's upload of
 * the same file to the same URL, in the same run, alternating. Prints
 * figures; asserts nothing.
 *
 *   RACKPILOT_NETWORK_SCOPE=loopback npx tsx scripts/bench/vsphereUpload.ts [--mib 256] [--runs 3] [--vcsim PATH]
 *
 * The vcsim binary: --vcsim, else RACKPILOT_VCSIM, else build/vcsim/vcsim-lab.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Secret } from '../../shared/plan/secret';
import { memoryTrustStore } from '../../electron/engine/net/tlsTestKit';
import { readInventory } from '../../electron/engine/providers/vsphere/inventory';
import { VimClient } from '../../electron/engine/providers/vsphere/soapClient';
import { folderUrl, uploadToDatastore } from '../../electron/engine/providers/vsphere/upload';
import { vsphereSimulator } from '../../electron/lab/vsphere/simulator';

const run = promisify(execFile);
const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] as string) : fallback;
};
const mib = Number(option('mib', '256'));
const runs = Number(option('runs', '3'));
const binary = option('vcsim', process.env.RACKPILOT_VCSIM ?? 'build/vcsim/vcsim-lab');

async function writeFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += 2 ** 20) out.write(randomBytes(2 ** 20));
  await new Promise((done) => out.end(done));
}

// Started as the lab starts it (vcsim-lab's own flags, the password in its environment, stopped with its process group).
const lab = await vsphereSimulator.start({ binary });
const ready = lab.endpoint;
const dir = await mkdtemp(join(tmpdir(), 'rp-vsbench-'));
const file = join(dir, 'bench.iso');
await writeFile(file, mib * 2 ** 20);
const client = new VimClient({ endpoint: { name: 'vcsim', url: ready.url, username: ready.username, password: new Secret(ready.password), fingerprints: [ready.fingerprint], datacenter: null, cluster: null }, trust: memoryTrustStore() });
try {
  const signal = AbortSignal.timeout(30 * 60_000);
  const inventory = await readInventory(client, signal);
  const datacenter = inventory.datacenters[0]!;
  const datastore = inventory.datastores[0]!;
  const cookie = await client.cookieHeader(signal);
  const figures: { ours: number[]; curl: number[] } = { ours: [], curl: [] };
  for (let attempt = 0; attempt < runs; attempt++) {
    const target = { datacenter: datacenter.name, datacenterRef: datacenter.ref, datastore: datastore.name, path: `bench/ours-${attempt}.iso` };
    let started = performance.now();
    await uploadToDatastore({ client, target, file, sha256: null, cells: {}, signal, log: () => undefined, progress: () => undefined, artifacts: { get: () => undefined, set: () => undefined } });
    figures.ours.push(mib / ((performance.now() - started) / 1000));
    const url = `${ready.url}${folderUrl({ ...target, path: `bench/curl-${attempt}.iso` })}`;
    started = performance.now();
    await run('curl', ['-sS', '-k', '-f', '-T', file, '-H', `Cookie: ${cookie}`, url]);
    figures.curl.push(mib / ((performance.now() - started) / 1000));
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const hash = createHash('sha256').update(ready.url).digest('hex').slice(0, 8);
  console.log(`vcsim ${hash}: ${mib} MiB x ${runs}, median MiB/s`);
  console.log(`  rackpilot (streamed PUT + SHA-256): ${median(figures.ours).toFixed(1)}   [${figures.ours.map((v) => v.toFixed(1)).join(', ')}]`);
  console.log(`  curl -T (no hashing):               ${median(figures.curl).toFixed(1)}   [${figures.curl.map((v) => v.toFixed(1)).join(', ')}]`);
} finally {
  client.close();
  await lab.close();
  await rm(dir, { recursive: true, force: true });
}
