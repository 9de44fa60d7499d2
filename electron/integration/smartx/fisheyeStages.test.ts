import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { smartxLabPreparation } from '../../engine/providers/smartx/labPreparation';
import { stageKinds } from '../../engine/providers/smartx/steps';
import { startFisheyeLab, type FisheyeLab } from '../../lab/smartx/fisheye/server';
import { StageKit } from './stageKit';

/*
 * The SMTX OS half of the CloudTower pipeline (prepare, ISO upload, VM)
 * against the lab's fisheye simulator, with its faults: chunks failing,
 * a job failing, an expired token, a crash in the middle of an upload.
 */

const isoName = 'cloudtower-4.6.0.el7.x86_64.iso';
let lab: FisheyeLab;
const kits: StageKit[] = [];

beforeAll(async () => {
  // 16 KiB chunks: the 256 KiB stand-in ISO is 16 of them.
  lab = await startFisheyeLab({ chunkSize: 16 * 1024, latency: { requestMs: 0, jobMs: 40, guestAgentMs: 60 } });
});
afterAll(async () => lab?.close());
afterEach(async () => {
  for (const kit of kits.splice(0)) kit.close();
  await lab.reset();
});

async function kit(timings = {}, prepare = true): Promise<StageKit> {
  const opened = await StageKit.open({ smartx: lab.endpoint }, timings);
  // Each test starts from reset(); the first kit of a test prepares the cluster for the plan (a second prepare would only add).
  if (prepare) lab.prepare(smartxLabPreparation(opened.plan));
  kits.push(opened);
  return opened;
}

const fileSha256 = (dir: string): string => createHash('sha256').update(readFileSync(join(dir, isoName))).digest('hex');
const isoArtifact = (k: StageKit) => k.artifacts.get(k.step(stageKinds.iso).id)?.get('iso') as { phase: string; sha256: string | null; imageUuid: string; path: string | null };

describe('SmartX stages on the SMTX OS lab', () => {
  it('prepares, uploads the ISO chunk by chunk with its SHA-256 and progress, and reuses it on a second run', async () => {
    const first = await kit();
    expect(await first.runStep(stageKinds.prepare)).toBe('ran');
    expect(first.logsOf(stageKinds.prepare).join('\n')).toMatch(/Host .*CPU \d+% .*memory/);
    await first.runStep(stageKinds.iso);
    const uploaded = isoArtifact(first);
    expect(uploaded.phase).toBe('uploaded');
    expect(uploaded.sha256).toBe(fileSha256(first.dir));
    const [image] = lab.snapshot().images;
    expect(image).toMatchObject({ name: isoName, status: 'available', sha256: fileSha256(first.dir) });
    const upload = first.run.progress.filter((entry) => entry.progress.phase === 'upload').map((entry) => entry.progress);
    expect(upload.at(-1)).toMatchObject({ bytesDone: 256 * 1024, bytesTotal: 256 * 1024, fraction: 1 });
    expect(upload.some((p) => (p.bytesPerSecond ?? 0) > 0)).toBe(true);

    const second = await kit({}, false);
    await second.runStep(stageKinds.iso);
    expect(isoArtifact(second)).toMatchObject({ phase: 'reused', imageUuid: uploaded.imageUuid });
    expect(second.logsOf(stageKinds.iso).join('\n')).toContain('reused, nothing uploaded');
    expect(lab.snapshot().images).toHaveLength(1);
  });

  it('retries a chunk that fails twice, and the upload still completes', async () => {
    const k = await kit();
    lab.faults.add([{ kind: 'chunkFails', chunkNum: 5, count: 2 }]);
    await k.runStep(stageKinds.iso);
    expect(isoArtifact(k).sha256).toBe(fileSha256(k.dir));
    expect(k.logsOf(stageKinds.iso).filter((line) => line.includes('A chunk of'))).toHaveLength(2);
  });

  it('deletes the volume when a chunk always fails, recreates it once, then fails cleanly with nothing left behind', async () => {
    const k = await kit();
    lab.faults.add([{ kind: 'chunkFails', chunkNum: 2, always: true }]);
    const failure = await k.runStep(stageKinds.iso).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).appError).toMatchObject({ code: 'step_failed', retryable: false });
    const logs = k.logsOf(stageKinds.iso).join('\n');
    expect(logs.match(/Deleting upload volume/g)).toHaveLength(2);
    expect(logs.match(/Upload volume .* chunk\(s\) of/g)).toHaveLength(2);
    expect(lab.snapshot().images).toEqual([]);
  });

  it('logs in again when the token expires in the middle of the upload', async () => {
    const k = await kit();
    lab.faults.add([{ kind: 'tokenExpires', afterRequests: 4 }]);
    await k.runStep(stageKinds.iso);
    expect(isoArtifact(k).sha256).toBe(fileSha256(k.dir));
    expect(lab.snapshot().logins.granted).toBeGreaterThan(2);
  });

  it('resumes an upload cut in the middle from the chunks the server still lists', async () => {
    const k = await kit();
    const crash = new AbortController();
    const step = k.step(stageKinds.iso);
    const ctx = k.context(step, crash.signal);
    const watching = setInterval(() => {
      if ((lab.snapshot().images[0]?.uploadedChunks ?? 0) >= 6) crash.abort();
    }, 1);
    await expect(k.kinds[stageKinds.iso]!.run(ctx)).rejects.toThrow();
    clearInterval(watching);
    const before = lab.snapshot().images[0]!;
    expect(before.status).toBe('uploading');
    expect(before.uploadedChunks).toBeGreaterThanOrEqual(6);
    // A new process: new sessions, the same recorded artifacts.
    k.sessions.close();
    k.sessions = new (await import('../../engine/net/endpointSessions')).EndpointSessions();
    await k.runStep(stageKinds.iso);
    const logs = k.logsOf(stageKinds.iso).join('\n');
    const [, sent, skipped] = /(\d+) chunk\(s\) sent, (\d+) already there/.exec(logs)!;
    expect(Number(skipped)).toBeGreaterThanOrEqual(6);
    expect(Number(sent) + Number(skipped)).toBe(16);
    expect(isoArtifact(k).sha256).toBe(fileSha256(k.dir));
    expect(lab.snapshot().images).toHaveLength(1);
  });

  it('creates the VM, retrying a failed creation job, waits for the guest agent and sets the planned address', async () => {
    const k = await kit();
    await k.runStep(stageKinds.iso);
    lab.faults.add([{ kind: 'jobFails', operation: 'vm.create', count: 1, message: 'no room on the chosen host' }]);
    await k.runStep(stageKinds.vm);
    const vm = k.artifacts.get(k.step(stageKinds.vm).id)?.get('vm') as { phase: string; uuid: string; mac: string; attempt: number };
    expect(vm).toMatchObject({ phase: 'ready', attempt: 2 });
    expect(vm.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i);
    expect(k.logsOf(stageKinds.vm).join('\n')).toContain('no room on the chosen host');
    expect(lab.snapshot().vms).toEqual([expect.objectContaining({ uuid: vm.uuid, vm_name: 'cloudtower', ga_state: 'Running', ip: '10.60.20.2' })]);
    const phases = k.run.progress.filter((entry) => entry.stepId === k.step(stageKinds.vm).id).map((entry) => entry.progress.phase);
    expect([...new Set(phases)]).toEqual(['resolve', 'create', 'guestAgent', 'network']);
    // Found again by what it recorded: a second attempt does not make a second VM.
    expect(await k.runStep(stageKinds.vm)).toBe('adopted');
    expect(lab.snapshot().vms).toHaveLength(1);
  });

  it('undoes the VM (stopped first, as SMTX OS requires) and the uploaded image: nothing is left on the cluster', async () => {
    const k = await kit();
    await k.runStep(stageKinds.iso);
    await k.runStep(stageKinds.vm);
    expect(lab.snapshot()).toMatchObject({ vms: [expect.objectContaining({ status: 'running' })], images: [expect.objectContaining({ status: 'available' })] });
    await k.kinds[stageKinds.vm]!.undo!(k.context(k.step(stageKinds.vm)));
    await k.kinds[stageKinds.iso]!.undo!(k.context(k.step(stageKinds.iso)));
    expect(lab.snapshot()).toMatchObject({ vms: [], images: [] });
    expect(lab.snapshot().jobs.filter((job) => job.operation.startsWith('vm.')).map((job) => `${job.operation} ${job.state}`)).toEqual(['vm.create done', 'vm.update done', 'vm.stop done', 'vm.delete done']);
    expect(k.logsOf(stageKinds.vm).join('\n')).toMatch(/VM cloudtower \(\S+\) deleted from SMTX OS/);
    // Undone already: a second undo calls nothing.
    await k.kinds[stageKinds.vm]!.undo!(k.context(k.step(stageKinds.vm)));
    expect(lab.snapshot().jobs).toHaveLength(4);
  });

  it('adopts a VM of the planned name and address that another run made, leaves it on undo, and refuses one that differs', async () => {
    const first = await kit();
    await first.runStep(stageKinds.iso);
    await first.runStep(stageKinds.vm);
    const second = await kit({}, false);
    expect(await second.runStep(stageKinds.vm)).toBe('adopted');
    expect(second.logsOf(stageKinds.vm).join('\n')).toContain('with the planned address 10.60.20.2: adopted, not created again');
    await second.kinds[stageKinds.vm]!.undo!(second.context(second.step(stageKinds.vm)));
    expect(lab.snapshot().vms).toHaveLength(1);
    const third = await kit({}, false);
    (third.step(stageKinds.vm).input as { ip: string }).ip = '10.60.20.99';
    const failure = await third.runStep(stageKinds.vm).catch((error: unknown) => error);
    expect((failure as AppFailure).appError).toMatchObject({ code: 'step_failed', retryable: false });
    expect((failure as AppFailure).message).toMatch(/already has a VM named cloudtower, and it \(\S+\) does not have the planned address 10\.60\.20\.99/);
    expect(lab.snapshot().vms).toHaveLength(1);
  });

  it('gives up on a guest agent that never comes up', async () => {
    const k = await kit({ vm: { poll: { intervalMs: 50, timeoutMs: 10_000 }, guestAgentTimeoutMs: 800, createAttempts: 4, retryDelayMs: 10 } });
    await k.runStep(stageKinds.iso);
    lab.faults.add([{ kind: 'guestAgentNeverRunning' }]);
    const failure = await k.runStep(stageKinds.vm).catch((error: unknown) => error);
    expect((failure as AppFailure).appError.code).toBe('timeout');
    expect((failure as AppFailure).message).toContain('guest agent of VM cloudtower');
    expect(lab.snapshot().vms).toEqual([expect.objectContaining({ vm_name: 'cloudtower', ga_state: 'Unknown' })]);
  });

  it('never writes a password into its logs', async () => {
    const k = await kit();
    await k.runStep(stageKinds.prepare);
    await k.runStep(stageKinds.iso);
    const text = JSON.stringify(k.run.logs) + JSON.stringify([...k.artifacts.values()].map((m) => [...m.values()]));
    expect(text).not.toContain(lab.endpoint.password);
  });
});
