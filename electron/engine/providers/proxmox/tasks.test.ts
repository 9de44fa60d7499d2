import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { say } from '../../../../shared/i18n/engineText';
import type { ProxmoxClient } from './client';
import { parseUpid, TaskFailure, waitForTask } from './tasks';
import type { StepLog } from './types';

const upid = 'UPID:pve2:0000B671:0083D606:6B034E3D:qmclone:9010:root@pam!ci:';

/** Answers status polls from `statuses` in turn and the log from `lines` (growing with each poll). */
function fakeClient(statuses: { status: string; exitstatus?: string }[], lines: string[][]): ProxmoxClient & { paths: string[] } {
  let poll = 0;
  const paths: string[] = [];
  const fake = {
    endpointName: 'lab',
    paths,
    async get(path: string, _signal: AbortSignal, params?: { start?: number }) {
      paths.push(path);
      if (path.endsWith('/status')) return statuses[Math.min(poll++, statuses.length - 1)];
      const visible = lines[Math.min(poll - 1, lines.length - 1)] ?? [];
      return visible.map((t, index) => ({ n: index + 1, t })).slice(params?.start ?? 0);
    },
  };
  return fake as unknown as ProxmoxClient & { paths: string[] };
}

function collect(): { log: StepLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, words) => lines.push(`${level}: ${typeof words === 'string' ? words : say('en', words)}`) };
}

describe('parseUpid', () => {
  it('reads node, type, id and a token user', () => {
    expect(parseUpid(upid)).toMatchObject({ node: 'pve2', type: 'qmclone', id: '9010', user: 'root@pam!ci' });
    expect(parseUpid('not a upid')).toBeNull();
    expect(parseUpid(null)).toBeNull();
  });
});

describe('waitForTask', () => {
  const signal = new AbortController().signal;

  it('streams each log line once, on the node of the UPID, and succeeds on OK', async () => {
    const client = fakeClient([{ status: 'running' }, { status: 'running' }, { status: 'stopped', exitstatus: 'OK' }], [['a'], ['a', 'b'], ['a', 'b', 'c', 'TASK OK']]);
    const out = collect();
    await expect(waitForTask(client, upid, { signal, log: out.log, maxPollMs: 1 })).resolves.toEqual({ exitstatus: 'OK', warnings: 0 });
    expect(out.lines).toEqual(['info: [qmclone] a', 'info: [qmclone] b', 'info: [qmclone] c', 'info: [qmclone] TASK OK']);
    expect(client.paths[0]).toBe(`/nodes/pve2/tasks/${encodeURIComponent(upid)}/status`);
  });

  it('treats WARNINGS as success with a warning', async () => {
    const client = fakeClient([{ status: 'stopped', exitstatus: 'WARNINGS: 2' }], [['w1', 'w2']]);
    const out = collect();
    await expect(waitForTask(client, upid, { signal, log: out.log })).resolves.toEqual({ exitstatus: 'WARNINGS: 2', warnings: 2 });
    expect(out.lines.at(-1)).toMatch(/^warn: .*2 warning/);
  });

  it('fails with the exit status, retryable when it is a lock timeout', async () => {
    const failed = await waitForTask(fakeClient([{ status: 'stopped', exitstatus: 'clone failed: out of space' }], []), upid, { signal }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TaskFailure);
    expect((failed as TaskFailure).appError).toMatchObject({ code: 'step_failed', retryable: false, title: 'Task qmclone 9010 on pve2 failed: clone failed: out of space' });
    const locked = fakeClient([{ status: 'stopped', exitstatus: "can't lock file '/var/lock/qemu-server/lock-9010.conf' - got timeout" }], []);
    expect(((await waitForTask(locked, upid, { signal }).catch((error: unknown) => error)) as TaskFailure).appError.retryable).toBe(true);
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    const waiting = waitForTask(fakeClient([{ status: 'running' }], []), upid, { signal: controller.signal });
    controller.abort();
    const error = await waiting.catch((cause: unknown) => cause);
    expect((error as AppFailure).appError.code).toBe('cancelled');
  });

  it('refuses an answer that is not a UPID', async () => {
    await expect(waitForTask(fakeClient([], []), 'OK', { signal })).rejects.toThrow(/UPID/);
  });
});
