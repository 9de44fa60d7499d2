// The SmartX provider's ISO upload step (uploadIso: the pinned HTTPS client,
// the X-SmartX-Token session, 8 MiB multipart chunks, SHA-256 in the same
// pass, the resume record written after every chunk) into the SMTX OS lab on
// loopback, next to curl uploading the same file's chunks (`curl -F`, one
// process per chunk, already cut) into another volume, in the same run.
// Run: npx tsx scripts/bench/smartxIsoUpload.ts [--size-mib 64]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Secret } from '../../shared/plan/secret';
import { FisheyeClient } from '../../electron/engine/providers/smartx/fisheyeClient';
import { createUploadVolume } from '../../electron/engine/providers/smartx/fisheyeUpload';
import { uploadIso } from '../../electron/engine/providers/smartx/isoUpload';
import { startFisheyeLab } from '../../electron/lab/smartx';

const run = promisify(execFile);
const sizeMiB = Number(process.argv[process.argv.indexOf('--size-mib') + 1] ?? 0) || 64;
const chunkSize = 8 * 1024 * 1024;
const lab = await startFisheyeLab({ chunkSize, latency: { requestMs: 0 } });
const dir = await mkdtemp(join(tmpdir(), 'rp-smartx-iso-bench-'));
const endpoint = { name: 'bench', url: lab.endpoint.url, username: lab.endpoint.username, password: new Secret(lab.endpoint.password), fingerprints: [lab.endpoint.fingerprint] };
const client = new FisheyeClient({ endpoint, trust: { findPins: () => [], addPin: () => undefined } });

try {
  const name = 'cloudtower-9.9.9.el7.x86_64.iso';
  const path = join(dir, name);
  const chunks = Math.ceil((sizeMiB * 1024 * 1024) / chunkSize);
  const chunkFiles: string[] = [];
  for (let index = 0; index < chunks; index++) {
    const file = join(dir, `chunk-${index}`);
    await writeFile(file, randomBytes(chunkSize));
    chunkFiles.push(file);
  }
  await run('sh', ['-c', `cat ${chunkFiles.map((file) => `'${file}'`).join(' ')} > '${path}'`]);
  const facts = await stat(path);
  const saved = new Map<string, unknown>();
  let started = process.hrtime.bigint();
  const result = await uploadIso({
    client,
    file: { path, name, size: facts.size, mtimeMs: facts.mtimeMs, version: '9.9.9' },
    artifacts: { get: (key) => saved.get(key) as never, set: (key, value) => void saved.set(key, JSON.parse(JSON.stringify(value))) },
    signal: new AbortController().signal,
    log: () => undefined,
    progress: () => undefined,
    chunkRetry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 },
  });
  const oursSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const token = await client.login(new AbortController().signal);
  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, lab.certPem);
  const theirs = await createUploadVolume(client, { name: 'curl.iso', size: facts.size }, 7, new AbortController().signal);
  started = process.hrtime.bigint();
  for (let index = 0; index < chunks; index++) {
    const query = new URLSearchParams({ zbs_volume_id: theirs.ref.zbsVolumeId, chunk_num: String(index), image_uuid: theirs.ref.imageUuid });
    const { stdout } = await run('curl', ['-sS', '--cacert', caFile, '-H', `X-SmartX-Token: ${token}`, '-F', `file=@${chunkFiles[index]}`, `${lab.endpoint.url}/api/v2/images/upload?${query}`]);
    if (!stdout.includes('"EOK"')) throw new Error(stdout);
  }
  const curlSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mib = facts.size / 1024 / 1024;
  const same = lab.snapshot().images.every((image) => image.sha256 === result.sha256);
  console.log(`SMTX OS lab, ${mib} MiB ISO in ${chunks} chunks of 8 MiB (both assembled images match our SHA-256: ${same}):`);
  console.log(`  rackpilot uploadIso : ${(mib / oursSeconds).toFixed(1)} MiB/s (${oursSeconds.toFixed(2)} s, SHA-256 and resume record included)`);
  console.log(`  curl -F per chunk   : ${(mib / curlSeconds).toFixed(1)} MiB/s (${curlSeconds.toFixed(2)} s, chunks already cut, no hash)`);
} finally {
  client.close();
  await lab.close();
  await rm(dir, { recursive: true, force: true });
}
