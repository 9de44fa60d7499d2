import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../../shared/contract/channels';
import { dispatch } from '../../../../shared/contract/dispatch';
import { defaultStepConcurrency } from '../../../../shared/runModel';
import { createEngineService } from '../engineService';
import type { EngineOptions, EngineService } from '../types';

const dirs: string[] = [];
const engines: EngineService[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

async function newEngine(extra: Partial<EngineOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rp-wizard-'));
  dirs.push(dir);
  const engine = await createEngineService({ dataDir: join(dir, 'data'), host: 'web', version: 'test', ...extra });
  engines.push(engine);
  const pushed: Array<{ event: string; payload: unknown }> = [];
  engine.onPush((event, payload) => pushed.push({ event, payload }));
  const invoke = (channel: ChannelName, payload: unknown = {}) => dispatch(engine.handlers, channel, payload);
  return { dir, engine, pushed, invoke };
}

describe('wizard channels on the engine', () => {
  it('answers the dialogs with unsupported and a hint when the host has none', async () => {
    const { invoke } = await newEngine();
    const reply = await invoke('dialog:openWorkbook');
    expect(reply).toMatchObject({ ok: false, error: { code: 'unsupported', hint: expect.stringContaining('Upload') } });
    expect(await invoke('dialog:saveFile', { suggestedName: 'r.html', kind: 'html' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('passes the dialogs through when the shell has them, a cancel being null', async () => {
    const asked: string[] = [];
    const { invoke } = await newEngine({
      dialogs: {
        openWorkbook: async () => '/plans/site.xlsx',
        saveFile: async (name, kind) => (asked.push(`${name}|${kind}`), null),
      },
    });
    expect(await invoke('dialog:openWorkbook')).toEqual({ ok: true, value: { path: '/plans/site.xlsx' } });
    expect(await invoke('dialog:saveFile', { suggestedName: 'logs.tar.gz', kind: 'tar.gz' })).toEqual({ ok: true, value: { path: null } });
    expect(asked).toEqual(['logs.tar.gz|tar.gz']);
  });

  it('keeps settings in settings.json', async () => {
    const { dir, invoke } = await newEngine();
    expect(await invoke('settings:set', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark', language: 'en', concurrency: defaultStepConcurrency } });
    expect(await invoke('settings:set', { concurrency: 100 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await invoke('settings:get')).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')).theme).toBe('dark');
  });

  it('pushes plan:changed when the watched workbook is saved again, until the engine closes', async () => {
    const { dir, engine, pushed, invoke } = await newEngine();
    const path = join(dir, 'plan.xlsx');
    writeFileSync(path, 'one');
    expect(await invoke('plan:watch', { path })).toEqual({ ok: true, value: {} });
    writeFileSync(path, 'two, saved again');
    for (let i = 0; i < 200 && pushed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(pushed).toEqual([{ event: 'plan:changed', payload: { path } }]);
    await engine.close();
    writeFileSync(path, 'three, after the engine closed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pushed).toHaveLength(1);
  });

  it('pins an accepted TLS fingerprint in the canonical form and refuses a malformed one', async () => {
    const { invoke } = await newEngine();
    const lower = 'ab'.repeat(32);
    expect(await invoke('trust:accept', { kind: 'tls', host: 'PVE1.example.com', port: 8006, fingerprint: lower, subject: 'CN=pve1' })).toEqual({ ok: true, value: {} });
    const pins = await invoke('trust:list');
    expect(pins).toMatchObject({ ok: true, value: [{ kind: 'tls', host: 'pve1.example.com', port: 8006, fingerprint: Array(32).fill('AB').join(':'), subject: 'CN=pve1' }] });
    expect(await invoke('trust:accept', { kind: 'tls', host: 'pve1', port: 8006, fingerprint: 'AB:CD', subject: null })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await invoke('trust:accept', { kind: 'ssh', host: 'pve1', port: 22, fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8', subject: null })).toEqual({ ok: true, value: {} });
    expect(await invoke('trust:accept', { kind: 'ssh', host: 'pve1', port: 22, fingerprint: 'MD5:aa:bb', subject: null })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('saves an upload under imports/ and exports a demo run as bundle and report', async () => {
    const { dir, invoke } = await newEngine();
    const upload = await invoke('plan:upload', { uploadId: 'upload-0001', name: 'site.xlsx', offset: 0, chunkBase64: Buffer.from('PK').toString('base64'), final: true });
    expect(upload).toEqual({ ok: true, value: { received: 2, path: join(dir, 'data', 'imports', 'upload-0001', 'site.xlsx') } });
    const started = await invoke('run:start', { source: { kind: 'demo', targets: 1, stepMs: 0, logLinesPerStep: 2 } });
    if (!started.ok) throw new Error(started.error.title);
    const { runId } = started.value as { runId: string };
    expect(await invoke('run:exportLogs', { runId })).toEqual({ ok: true, value: { path: join(dir, 'data', 'exports', `${runId}.logs.tar.gz`) } });
    expect(await invoke('run:exportReport', { runId })).toEqual({ ok: true, value: { path: join(dir, 'data', 'exports', `${runId}.report.html`) } });
    expect(await invoke('run:exportReport', { runId: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
