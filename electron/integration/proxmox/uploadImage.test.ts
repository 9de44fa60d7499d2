import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEndpoint, testImage, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { runPlan, startRehearsal, type Rehearsal } from './harness';

const signal = new AbortController().signal;
let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

/** A small ISO-like file in the workbook's folder; answers its size and SHA-256. */
function writeIso(dir: string, name: string, bytes: number): { size: number; sha256: string } {
  mkdirSync(join(dir, 'isos'), { recursive: true });
  const data = randomBytes(bytes);
  writeFileSync(join(dir, 'isos', name), data);
  return { size: bytes, sha256: createHash('sha256').update(data).digest('hex') };
}

async function isoVolumes(rehearsal: Rehearsal, node: string): Promise<{ volid: string; size: number }[]> {
  return rehearsal.client().get(`/nodes/${node}/storage/local/content`, signal, { content: 'iso' });
}

const states = (result: Awaited<ReturnType<typeof runPlan>>) => Object.fromEntries([...result.finalStates].map(([id, entry]) => [id, entry.state]));

describe('uploading an ISO to the lab', () => {
  it('streams it with its checksum through a dropped connection, attaches it, and skips it the second time', async () => {
    rehearsal = await startRehearsal({ faults: [{ kind: 'uploadReset', afterBytes: 1024 * 1024, count: 1 }] });
    const iso = writeIso(rehearsal.dir, 'tools.iso', 3 * 1024 * 1024 + 17);
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      images: [testImage({ name: 'tools', file: 'isos/tools.iso', sha256: iso.sha256.toUpperCase(), node: 'pve1' })],
      vms: [testVm({ name: 'inst-01', image: 'tools', placement: ['pve1'] })],
    });
    const uploadId = 'image.upload:pve-lab/pve1/local/tools.iso';

    const first = await runPlan(rehearsal, plan, 'run-1');

    expect(states(first)).toEqual({ [uploadId]: 'succeeded', 'vm.create:inst-01': 'succeeded' });
    expect(await isoVolumes(rehearsal, 'pve1')).toContainEqual(expect.objectContaining({ volid: 'local:iso/tools.iso', size: iso.size }));
    const uploadLog = first.logs.filter((line) => line.stepId === uploadId).map((line) => line.text);
    expect(uploadLog.some((text) => /Upload attempt 2/.test(text))).toBe(true);
    expect(uploadLog).toContain('[imgcopy] calculating checksum...OK, checksum verified');
    const last = first.progress.filter((entry) => entry.stepId === uploadId).at(-1)?.progress;
    expect(last).toMatchObject({ fraction: 1, bytesDone: iso.size, bytesTotal: iso.size });
    const vm = rehearsal.lab.proxmox.snapshot().vms.find((entry) => entry.name === 'inst-01');
    const config = await rehearsal.client().get<Record<string, string>>(`/nodes/pve1/qemu/${vm?.vmid}/config`, signal);
    expect(config.ide0).toBe('local:iso/tools.iso,media=cdrom');

    const second = await runPlan(rehearsal, plan, 'run-2');

    expect(states(second)).toEqual({ [uploadId]: 'adopted', 'vm.create:inst-01': 'adopted' });
    expect(rehearsal.lab.proxmox.snapshot().vms.filter((entry) => entry.name === 'inst-01')).toHaveLength(1);
  });

  it('computes the checksum when the plan gives none, and sends the ISO to every node when none is named', async () => {
    rehearsal = await startRehearsal();
    const iso = writeIso(rehearsal.dir, 'drivers.iso', 256 * 1024);
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], images: [testImage({ name: 'drivers', file: 'isos/drivers.iso' })] });
    // An image that no VM uses still goes to its endpoint when the image row names it.
    plan.images[0]!.endpoint = 'pve-lab';

    const result = await runPlan(rehearsal, plan, 'run-any');

    expect(states(result)).toEqual({ 'image.upload:pve-lab/*/local/drivers.iso': 'succeeded' });
    for (const node of ['pve1', 'pve2', 'pve3']) {
      expect(await isoVolumes(rehearsal, node)).toContainEqual(expect.objectContaining({ volid: 'local:iso/drivers.iso', size: iso.size }));
    }
    const artifact = rehearsal.store.getArtifact<{ sha256: string; phase: string }>('run-any', 'image.upload:pve-lab/*/local/drivers.iso', 'upload:pve2');
    expect(artifact).toMatchObject({ sha256: iso.sha256, phase: 'uploaded' });
  });

  it('refuses a file that does not match the plan’s checksum, pointing at the cell', async () => {
    rehearsal = await startRehearsal();
    writeIso(rehearsal.dir, 'bad.iso', 64 * 1024);
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      images: [testImage({ name: 'bad', file: 'isos/bad.iso', sha256: 'ab'.repeat(32), node: 'pve2', endpoint: 'pve-lab' })],
    });

    const result = await runPlan(rehearsal, plan, 'run-bad');

    const error = result.finalStates.get('image.upload:pve-lab/pve2/local/bad.iso')?.error;
    expect(error).toMatchObject({ code: 'io', retryable: false, cell: { sheet: 'Images' } });
    expect(await isoVolumes(rehearsal, 'pve2')).not.toContainEqual(expect.objectContaining({ volid: 'local:iso/bad.iso' }));
  });

  it('sends the digest the import computed without hashing again; when the node finds it stale, the retry hashes again', async () => {
    rehearsal = await startRehearsal();
    const iso = writeIso(rehearsal.dir, 'cached.iso', 200 * 1024);
    const path = join(rehearsal.dir, 'isos', 'cached.iso');
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], images: [testImage({ name: 'cached', file: 'isos/cached.iso', node: 'pve1', endpoint: 'pve-lab' })] });
    const uploadId = 'image.upload:pve-lab/pve1/local/cached.iso';
    const { cachedFileHash } = await import('../../engine/transfer');
    expect((await cachedFileHash(path, rehearsal.store.fileHashes)).digest).toBe(iso.sha256);

    const first = await runPlan(rehearsal, plan, 'run-cached', { fileHashes: rehearsal.store.fileHashes });

    expect(states(first)).toEqual({ [uploadId]: 'succeeded' });
    const log = first.logs.filter((line) => line.stepId === uploadId).map((line) => line.text);
    expect(log.some((text) => text.startsWith('Computed the SHA-256'))).toBe(false);
    expect(log).toContain('[imgcopy] calculating checksum...OK, checksum verified');
    const sent = rehearsal.requests.find((request) => request.path.endsWith('/upload'));
    expect(sent?.params).toMatchObject({ 'checksum-algorithm': 'sha256', checksum: iso.sha256 });

    // A digest that no longer fits the bytes (same size and mtime): the node's verification fails the attempt.
    const key = { path, algorithm: 'sha256', size: iso.size, mtimeMs: statSync(path).mtimeMs };
    rehearsal.store.fileHashes.remember(key, 'cd'.repeat(32));
    const plan2 = testPlan({ endpoints: plan.endpoints, images: [testImage({ name: 'cached', file: 'isos/cached.iso', node: 'pve2', endpoint: 'pve-lab' })] });
    const second = await runPlan(rehearsal, plan2, 'run-stale', { fileHashes: rehearsal.store.fileHashes });
    const secondLog = second.logs.filter((line) => line.stepId === 'image.upload:pve-lab/pve2/local/cached.iso').map((line) => line.text);
    expect(states(second)).toEqual({ 'image.upload:pve-lab/pve2/local/cached.iso': 'succeeded' });
    expect(secondLog.some((text) => text.startsWith(`[imgcopy] checksum mismatch: got '${iso.sha256}'`) || /does not match its SHA-256/.test(text))).toBe(true);
    expect(secondLog.filter((text) => text.startsWith('Computed the SHA-256'))).toHaveLength(1);
    expect(rehearsal.store.fileHashes.lookup(key)).toBe(iso.sha256);
  });
});
