import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import type { Reply } from '../../../shared/reply';
import type { EngineEvent, RunState } from '../../../shared/runModel';
import { createEngineService } from './engineService';
import type { EngineService } from './types';

const dirs: string[] = [];
const engines: EngineService[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newEngine(dataDir = mkdtempSync(join(tmpdir(), 'rp-engine-'))) {
  if (!dirs.includes(dataDir)) dirs.push(dataDir);
  const engine = await createEngineService({ dataDir, host: 'cli', version: 'test' });
  engines.push(engine);
  const events: EngineEvent[] = [];
  engine.onEvents((batch) => events.push(...batch));
  const invoke = async (channel: ChannelName, payload: unknown): Promise<Reply<any>> => dispatch(engine.handlers, channel, payload);
  const value = async (channel: ChannelName, payload: unknown = {}) => {
    const reply = await invoke(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.title}`);
    return reply.value;
  };
  const waitForState = async (runId: string, states: RunState[]) => {
    for (let i = 0; i < 400; i++) {
      const run = await value('run:get', { runId });
      if (states.includes(run.state)) return run;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`run ${runId} never reached ${states.join('/')}`);
  };
  return { engine, dataDir, events, invoke, value, waitForState };
}

const demo = (extra: Record<string, unknown> = {}) => ({ source: { kind: 'demo', targets: 2, stepMs: 30, logLinesPerStep: 3, ...extra } });

describe('engine service', () => {
  it('runs a demo plan to success and numbers every event without gaps', async () => {
    const { value, waitForState, events } = await newEngine();
    const { runId } = await value('run:start', demo());
    const run = await waitForState(runId, ['succeeded']);
    expect(run.steps).toHaveLength(7);
    expect(run.steps.every((step: { state: string }) => step.state === 'succeeded')).toBe(true);
    const seqs = events.flatMap((event) => (event.type === 'log' ? event.lines.map((line) => line.seq) : [event.seq]));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(run.seq).toBe(seqs.length);
    const logs = await value('run:logs', { runId });
    expect(logs.lines.length).toBe(events.filter((e) => e.type === 'log').reduce((n, e) => n + (e.type === 'log' ? e.lines.length : 0), 0));
  });

  it('refuses a second active run for the same environment', async () => {
    const { value, invoke } = await newEngine();
    await value('run:start', demo({ stepMs: 2000 }));
    const second = await invoke('run:start', demo());
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('run_active');
  });

  it('retries a failed step alone and lets its dependants continue', async () => {
    const { value, waitForState } = await newEngine();
    const { runId } = await value('run:start', demo({ failStep: 'demo.upload:vm-02', failMode: 'once' }));
    const failed = await waitForState(runId, ['failed']);
    const stepState = (run: any, id: string) => run.steps.find((step: { id: string }) => step.id === id).state;
    expect(stepState(failed, 'demo.upload:vm-02')).toBe('failed');
    expect(stepState(failed, 'demo.configure:vm-02')).toBe('pending');
    expect(stepState(failed, 'demo.configure:vm-01')).toBe('succeeded');
    await value('run:retryStep', { runId, stepId: 'demo.upload:vm-02' });
    const done = await waitForState(runId, ['succeeded']);
    expect(stepState(done, 'demo.report')).toBe('succeeded');
  });

  it('cancels a run: pending steps end cancelled and the run is cancelled', async () => {
    const { value, waitForState } = await newEngine();
    const { runId } = await value('run:start', demo({ stepMs: 5000 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await value('run:cancel', { runId });
    const run = await waitForState(runId, ['cancelled']);
    expect(run.steps.some((step: { state: string }) => step.state === 'succeeded')).toBe(false);
    expect(run.stepCounts.cancelled).toBeGreaterThan(0);
  });

  it('pauses and resumes', async () => {
    const { value, waitForState } = await newEngine();
    const { runId } = await value('run:start', demo({ stepMs: 100 }));
    await value('run:pause', { runId });
    expect((await value('run:get', { runId })).state).toBe('paused');
    await value('run:resume', { runId });
    await waitForState(runId, ['succeeded']);
  });

  it('cancels a paused run: the reply comes once it is cancelled, and the environment takes a new run', async () => {
    const { value } = await newEngine();
    const { runId } = await value('run:start', demo({ stepMs: 100 }));
    await value('run:pause', { runId });
    expect(await value('run:cancel', { runId })).toEqual({ resources: [] });
    expect((await value('run:get', { runId })).state).toBe('cancelled');
    await expect(value('run:start', demo())).resolves.toHaveProperty('runId');
  });

  it('leaves a run interrupted on close and resumes it without redoing finished steps', async () => {
    const first = await newEngine();
    const { runId } = await first.value('run:start', demo({ stepMs: 150 }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await first.engine.close();
    engines.splice(engines.indexOf(first.engine), 1);

    const second = await newEngine(first.dataDir);
    const interrupted = await second.value('run:get', { runId });
    expect(interrupted.state).toBe('interrupted');
    const doneBefore = interrupted.steps.filter((step: { state: string }) => step.state === 'succeeded').map((step: { id: string }) => step.id);
    expect(doneBefore.length).toBeGreaterThan(0);
    await second.value('run:resume', { runId });
    await second.waitForState(runId, ['succeeded']);
    const rerun = second.events.filter((event) => event.type === 'step.state' && event.state === 'running' && doneBefore.includes(event.stepId));
    expect(rerun).toEqual([]);
  });

  it('refuses malformed payloads with a typed error and changes nothing', async () => {
    const { invoke, value } = await newEngine();
    const cases: Array<[unknown, unknown]> = [
      ['run:start', { source: { kind: 'demo', targets: 'three' } }],
      ['run:start', { source: { kind: 'nuclear' } }],
      ['run:get', { runId: 'x'.repeat(10_000) }],
      ['run:cancel', { runId: 42 }],
      ['run:start', { source: { kind: 'demo' }, extra: true }],
    ];
    for (const [channel, payload] of cases) {
      const reply = await invoke(channel as ChannelName, payload);
      expect(reply.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid_request');
    }
    const unknown = await dispatch((await newEngine()).engine.handlers, 'fs:delete', {});
    expect(unknown.ok === false && unknown.error.code).toBe('unknown_channel');
    expect(await value('run:list', {})).toEqual([]);
  });

  it('refuses a second engine on the same data folder', async () => {
    const { dataDir } = await newEngine();
    await expect(createEngineService({ dataDir, host: 'cli', version: 'test' })).rejects.toThrow(/already running/);
  });
});
