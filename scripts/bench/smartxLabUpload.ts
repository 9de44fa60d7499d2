// Chunked ISO upload into the SMTX OS lab on loopback: 8 MiB chunks as
// multipart part `file`, sent by Node's https (as a client in this process
// would) next to `curl -F file=@chunk` in the same run, same lab, same chunk
// files. It measures the lab's ingestion (multipart parse, write at offset,
// SHA-256 of the assembled image), to show it is not what a rehearsal waits on.
// Run: npx tsx scripts/bench/smartxLabUpload.ts [--size-mib 128]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFisheyeLab } from '../../electron/lab/smartx';

const run = promisify(execFile);
const sizeMiB = Number(process.argv[process.argv.indexOf('--size-mib') + 1] ?? 0) || 128;
const chunkSize = 8 * 1024 * 1024;
const lab = await startFisheyeLab({ chunkSize, latency: { requestMs: 0 } });
const dir = await mkdtemp(join(tmpdir(), 'rp-smartx-bench-'));

function post(path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(`${lab.endpoint.url}${path}`, { method: 'POST', ca: lab.certPem, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

try {
  const { token } = await post('/api/v3/sessions', Buffer.from(JSON.stringify({ username: lab.endpoint.username, password: lab.endpoint.password })), { 'content-type': 'application/json' });
  const chunks = Math.ceil((sizeMiB * 1024 * 1024) / chunkSize);
  const files: string[] = [];
  for (let index = 0; index < chunks; index++) {
    const file = join(dir, `chunk-${index}`);
    await writeFile(file, randomBytes(chunkSize));
    files.push(file);
  }
  const size = chunks * chunkSize;
  const volume = async (task: string) => (await post(`/api/v2/images/upload/volume?${new URLSearchParams({ name: `${task}.iso`, size: String(size), device: 'nfs', task_id: task })}`, undefined, { 'x-smartx-token': token })).data;
  const query = (image: any, index: number) => new URLSearchParams({ zbs_volume_id: image.zbs_volume_id, chunk_num: String(index), image_uuid: image.image_uuid });

  const ours = await volume('node');
  let started = process.hrtime.bigint();
  for (let index = 0; index < chunks; index++) {
    const boundary = `----rp${index}`;
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunk"\r\nContent-Type: application/octet-stream\r\n\r\n`), await readFile(files[index]!), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const reply = await post(`/api/v2/images/upload?${query(ours, index)}`, body, { 'x-smartx-token': token, 'content-type': `multipart/form-data; boundary=${boundary}` });
    if (reply.ec !== 'EOK') throw new Error(JSON.stringify(reply));
  }
  const nodeSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const caFile = join(dir, 'ca.pem');
  await writeFile(caFile, lab.certPem);
  const theirs = await volume('curl');
  started = process.hrtime.bigint();
  for (let index = 0; index < chunks; index++) {
    const { stdout } = await run('curl', ['-sS', '--cacert', caFile, '-H', `X-SmartX-Token: ${token}`, '-F', `file=@${files[index]}`, `${lab.endpoint.url}/api/v2/images/upload?${query(theirs, index)}`]);
    if (!stdout.includes('"EOK"')) throw new Error(stdout);
  }
  const curlSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mib = size / 1024 / 1024;
  const sha = lab.snapshot().images.map((image) => image.sha256?.slice(0, 12));
  console.log(`SMTX OS lab, ${mib} MiB in ${chunks} chunks of 8 MiB (assembled SHA-256 ${sha.join(' / ')}):`);
  console.log(`  node https : ${(mib / nodeSeconds).toFixed(1)} MiB/s (${nodeSeconds.toFixed(2)} s)`);
  console.log(`  curl -F    : ${(mib / curlSeconds).toFixed(1)} MiB/s (${curlSeconds.toFixed(2)} s, one curl process per chunk)`);
} finally {
  await lab.close();
  await rm(dir, { recursive: true, force: true });
}
