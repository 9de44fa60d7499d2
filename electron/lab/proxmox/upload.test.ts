import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabPool } from './labTestKit';
import { LabClient, multipartUpload } from './testClient';

const labs = new LabPool();
const dirs: string[] = [];
afterEach(async () => {
  await labs.closeAll();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const iso = Buffer.from(Array.from({ length: 300_000 }, (_, index) => (index * 7) % 251));
const sha256 = createHash('sha256').update(iso).digest('hex');

describe('Proxmox lab ISO upload', () => {
  it('streams a multipart upload, verifies its checksum and lists the ISO', async () => {
    const uploadDir = await mkdtemp(join(tmpdir(), 'pve-lab-upload-test-'));
    dirs.push(uploadDir);
    const { lab, client } = await labs.start({ uploads: { mode: 'disk', dir: uploadDir } });
    const reply = await multipartUpload(lab, client, { node: 'pve2', storage: 'local' }, {
      filename: 'ubuntu-22.04.iso', fields: { content: 'iso', 'checksum-algorithm': 'sha256', checksum: sha256 }, data: iso,
    });
    expect(reply.status).toBe(200);
    const upid = (JSON.parse(reply.text) as { data: string }).data;
    expect(upid).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:imgcopy::root@pam:$/);
    const task = await client.waitTask('pve2', upid);
    expect(task.exitstatus).toBe('OK');
    expect(task.log).toContain('calculating checksum...OK, checksum verified');
    expect(task.log[0]).toMatch(/^starting file import from: \/var\/tmp\/pveupload-[0-9a-f]{32}$/);
    expect(task.log).toContain(`file size is: ${iso.length}`);
    const content = await client.call<{ volid: string; size: number; format: string }[]>('GET', '/nodes/pve2/storage/local/content', { content: 'iso' });
    expect(content.body.data).toEqual([expect.objectContaining({ volid: 'local:iso/ubuntu-22.04.iso', size: iso.length, format: 'iso' })]);
    expect(await readFile(join(uploadDir, 'pve2', 'local', 'iso', 'ubuntu-22.04.iso'))).toEqual(iso);
    expect((await readdir(uploadDir)).filter((name) => name.startsWith('pveupload-'))).toEqual([]);
  });

  it('deletes an uploaded ISO with an imgdel task; a second delete only warns; a volid of another storage is refused', async () => {
    const uploadDir = await mkdtemp(join(tmpdir(), 'pve-lab-delete-test-'));
    dirs.push(uploadDir);
    const { lab, client } = await labs.start({ uploads: { mode: 'disk', dir: uploadDir } });
    const reply = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'gone.iso', fields: { content: 'iso' }, data: iso });
    expect((await client.waitTask('pve1', (JSON.parse(reply.text) as { data: string }).data)).exitstatus).toBe('OK');
    const path = `/nodes/pve1/storage/local/content/${encodeURIComponent('local:iso/gone.iso')}`;
    const first = await client.call<string>('DELETE', path);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:imgdel:local:root@pam:$/);
    const task = await client.waitTask('pve1', first.body.data);
    expect(task).toMatchObject({ exitstatus: 'OK' });
    expect(task.log).toContain("Removed volume 'local:iso/gone.iso'");
    expect((await client.call<unknown[]>('GET', '/nodes/pve1/storage/local/content', { content: 'iso' })).body.data).toEqual([]);
    expect(await readdir(join(uploadDir, 'pve1', 'local', 'iso'))).toEqual([]);
    const again = await client.call<string>('DELETE', path);
    expect((await client.waitTask('pve1', again.body.data)).exitstatus).toBe('WARNINGS: 1');
    const elsewhere = await client.call('DELETE', `/nodes/pve1/storage/local/content/${encodeURIComponent('other:iso/gone.iso')}`);
    expect(elsewhere).toMatchObject({ status: 400, body: { errors: { volume: 'storage ID missmatch (other != local)' } } });
  });

  it('fails the task on a checksum mismatch and keeps nothing', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' } });
    const wrong = 'a'.repeat(64);
    const reply = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, {
      filename: 'bad.iso', fields: { content: 'iso', 'checksum-algorithm': 'sha256', checksum: wrong }, data: iso,
    });
    const task = await client.waitTask('pve1', (JSON.parse(reply.text) as { data: string }).data);
    expect(task.exitstatus).toBe(`checksum mismatch: got '${sha256}' != expect '${wrong}'`);
    const content = await client.call<unknown[]>('GET', '/nodes/pve1/storage/local/content', { content: 'iso' });
    expect(content.body.data).toEqual([]);
  });

  it('counts a large streamed upload without a checksum', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' } });
    const size = 48 * 1024 * 1024 + 5;
    const reply = await multipartUpload(lab, client, { node: 'pve3', storage: 'local' }, { filename: 'big.img', fields: { content: 'iso' }, data: { size } });
    expect((await client.waitTask('pve3', (JSON.parse(reply.text) as { data: string }).data)).exitstatus).toBe('OK');
    const content = await client.call<{ size: number }[]>('GET', '/nodes/pve3/storage/local/content');
    expect(content.body.data.map((item) => item.size)).toEqual([size]);
  });

  it('rejects bad parameters like the upload API', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' } });
    const lvm = await multipartUpload(lab, client, { node: 'pve1', storage: 'local-lvm' }, { filename: 'a.iso', fields: { content: 'iso' }, data: iso });
    expect([lvm.status, lvm.reason]).toEqual([500, "can't upload to storage type 'lvmthin'"]);
    const extension = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'a.exe', fields: { content: 'iso' }, data: iso });
    expect(JSON.parse(extension.text).errors).toEqual({ filename: 'wrong file extension' });
    const noAlgorithm = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'a.iso', fields: { content: 'iso', checksum: sha256 }, data: iso });
    expect(JSON.parse(noAlgorithm.text).errors).toEqual({ 'checksum-algorithm': "missing property - 'checksum' requires this property" });
  });

  it('refuses checksum before checksum-algorithm as pveproxy does, and answers before the body ends', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' } });
    const target = { node: 'pve1', storage: 'local' };
    const wrongOrder = { content: 'iso', checksum: sha256, 'checksum-algorithm': 'sha256' };
    // CRLF bodies: the message's first line keeps a CR, so response() answers a bare 400 Bad Request.
    const crlf = await multipartUpload(lab, client, target, { filename: 'a.iso', fields: wrongOrder, data: { size: 32 * 1024 * 1024 } });
    expect([crlf.status, crlf.reason, crlf.text]).toEqual([400, 'Bad Request', '']);
    // Bare-LF bodies show the message itself, with the status of the lab's release (9.1: 500).
    const lf = await multipartUpload(lab, client, target, { filename: 'a.iso', fields: wrongOrder, data: iso, newline: '\n' });
    expect([lf.status, lf.reason]).toEqual([500, 'wrong Content-Disposition \'form-data; name="checksum"']);
    expect(lf.text).toMatch(/^wrong Content-Disposition 'form-data; name="checksum"\n\n[0-9a-f]{64}\n--[^\n]+\nContent-Disposition: form-data' in multipart, expected 'form-data'\n$/);
    expect((await client.call<unknown[]>('GET', '/nodes/pve1/storage/local/content')).body.data).toEqual([]);
  });

  it('answers 501 for the same refusal on releases before pve-http-server 5.2', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' }, version: '8.2.4' });
    const fields = { content: 'iso', checksum: sha256, 'checksum-algorithm': 'sha256' };
    const reply = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'a.iso', fields, data: iso, newline: '\n' });
    expect(reply.status).toBe(501);
  });

  it('takes fields after the file part as file data, unverified', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' } });
    const late = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, {
      filename: 'late.iso', fields: { content: 'iso' }, fieldsAfter: { 'checksum-algorithm': 'sha256', checksum: sha256 }, data: iso,
    });
    const task = await client.waitTask('pve1', (JSON.parse(late.text) as { data: string }).data);
    expect(task.exitstatus).toBe('OK');
    expect(task.log.some((line) => line.startsWith('calculating checksum'))).toBe(false);
    const [volume] = (await client.call<{ size: number }[]>('GET', '/nodes/pve1/storage/local/content')).body.data;
    expect(volume?.size).toBeGreaterThan(iso.length);
  });

  it('drops the connection mid-upload when told to, then accepts the retry', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' }, faults: [{ kind: 'uploadReset', afterBytes: 100_000 }] });
    const target = { node: 'pve1', storage: 'local' };
    const upload = { filename: 'retry.iso', fields: { content: 'iso', 'checksum-algorithm': 'sha256', checksum: sha256 }, data: iso };
    await expect(multipartUpload(lab, client, target, upload)).rejects.toThrow(/socket hang up|ECONNRESET|EPIPE|destroyed/);
    const retry = await multipartUpload(lab, client, target, upload);
    expect((await client.waitTask('pve1', (JSON.parse(retry.text) as { data: string }).data)).exitstatus).toBe('OK');
  });

  it('fails the copy when the storage is full', async () => {
    const { lab, client } = await labs.start({ uploads: { mode: 'count' }, faults: [{ kind: 'storageFull', node: 'pve1', storage: 'local' }] });
    const reply = await multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'full.iso', fields: { content: 'iso' }, data: iso });
    const task = await client.waitTask('pve1', (JSON.parse(reply.text) as { data: string }).data);
    expect(task.exitstatus).toBe("cp: error writing '/var/lib/vz/template/iso/full.iso': No space left on device");
  });

  it('requires the CSRF token like any write', async () => {
    const { lab } = await labs.start({ uploads: { mode: 'count' } });
    const reply = await multipartUpload(lab, new LabClient(lab), { node: 'pve1', storage: 'local' }, { filename: 'a.iso', fields: { content: 'iso' }, data: iso });
    expect(reply.status).toBe(401);
  });

  it('closes cleanly in the middle of an upload and removes the partial file', async () => {
    const uploadDir = await mkdtemp(join(tmpdir(), 'pve-lab-upload-test-'));
    dirs.push(uploadDir);
    const { lab, client } = await labs.start({ uploads: { mode: 'disk', dir: uploadDir } });
    const upload = multipartUpload(lab, client, { node: 'pve1', storage: 'local' }, { filename: 'huge.iso', fields: { content: 'iso' }, data: { size: 8 * 2 ** 30 } });
    const outcome = upload.then(() => 'answered', () => 'dropped');
    while (!(await readdir(uploadDir)).some((name) => name.startsWith('pveupload-'))) await new Promise((resolve) => setTimeout(resolve, 10));
    await lab.close();
    expect(await outcome).toBe('dropped');
    expect(await readdir(uploadDir)).toEqual([]);
  });
});
