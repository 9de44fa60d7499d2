import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { openStore, type RunStore } from '../../store';
import { makeTempDir, sampleRun, sampleSteps } from '../../store/storeTestKit';
import { Redactor } from '../../util/redactor';
import { exportLogBundle } from './exportLogs';
import { exportRunReport } from './exportReport';

const temp = makeTempDir('exports');
const dataDir = join(temp.dir, 'data');
const lineCount = 12_345;
let store: RunStore;
const redactor = new Redactor();

beforeAll(() => {
  mkdirSync(dataDir, { recursive: true });
  store = openStore(join(dataDir, 'rackpilot.db'));
  store.createRun(sampleRun('run-1', { planName: 'Site <A> & "B"' }), sampleSteps());
  const at = Date.parse('2024-05-01T10:00:00Z');
  store.commit('run-1', {
    run: { state: 'failed', startedAt: at, endedAt: at + 125_000 },
    steps: {
      'image.upload:pve1/local/u.iso': { state: 'succeeded', startedAt: at, endedAt: at + 5000 },
      'vm.clone:web-01': { state: 'failed', startedAt: at + 5000, endedAt: at + 9000, error: appError('step_failed', 'Clone failed: <script>alert(1)</script> with hunter2', { hint: 'Check the node.' }) },
      'vm.clone:web-02': { state: 'succeeded', startedAt: at + 5000, endedAt: at + 65_000 },
    },
    events: [],
  });
  store.setArtifact('run-1', 'vm.clone:web-02', 'vm', { vmid: 1002, node: 'pve2', phase: 'done' });
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    runId: 'run-1',
    stepId: i % 2 === 0 ? 'vm.clone:web-01' : null,
    level: i === lineCount - 2 ? ('error' as const) : i % 1000 === 0 ? ('warn' as const) : ('info' as const),
    at: at + i,
    text: i === 7 ? 'password is hunter2' : i === lineCount - 2 ? 'last error <b>bold</b>' : `line ${i}`,
  }));
  for (let i = 0; i < lines.length; i += 1000) store.appendLogLines(lines.slice(i, i + 1000));
  // Learned after the lines were stored: the export still hides it.
  redactor.add('hunter2');
});

afterAll(() => {
  store.close();
  temp.remove();
});

describe('log bundle', () => {
  it('holds run.json, steps.json and every log line, redacted, readable by the system tar', async () => {
    const path = await exportLogBundle({ store, redactor, dataDir }, 'run-1');
    expect(path).toBe(join(dataDir, 'exports', 'run-1.logs.tar.gz'));
    const out = join(temp.dir, 'extracted');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', path, '-C', out]);
    expect(readdirSync(out).sort()).toEqual(['log.txt', 'run.json', 'steps.json']);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ id: 'run-1', state: 'failed', source: { kind: 'demo' } });
    const steps = JSON.parse(readFileSync(join(out, 'steps.json'), 'utf8'));
    expect(steps.map((step: { id: string }) => step.id)).toEqual(sampleSteps().map((step) => step.id));
    const log = readFileSync(join(out, 'log.txt'), 'utf8');
    const lines = log.trimEnd().split('\n');
    expect(lines).toHaveLength(lineCount);
    expect(lines[0]).toBe('2024-05-01T10:00:00.000Z WARN  vm.clone:web-01 line 0');
    expect(lines[1]).toBe('2024-05-01T10:00:00.001Z INFO  - line 1');
    expect(log).not.toContain('hunter2');
    expect(lines[7]).toContain('password is «redacted»');
    expect(JSON.stringify(steps)).not.toContain('hunter2');
    expect(readdirSync(join(dataDir, 'exports')).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('replaces a file at a chosen path and refuses a relative path or a missing folder', async () => {
    const chosen = join(temp.dir, 'chosen.tar.gz');
    writeFileSync(chosen, 'old');
    expect(await exportLogBundle({ store, redactor, dataDir }, 'run-1', chosen)).toBe(chosen);
    expect(readFileSync(chosen).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    await expect(exportLogBundle({ store, redactor, dataDir }, 'run-1', 'relative.tar.gz')).rejects.toMatchObject({ appError: { code: 'invalid_request' } });
    await expect(exportLogBundle({ store, redactor, dataDir }, 'run-1', join(temp.dir, 'nope', 'x.tar.gz'))).rejects.toMatchObject({ appError: { code: 'not_found' } });
    await expect(exportLogBundle({ store, redactor, dataDir }, 'no-such-run')).rejects.toMatchObject({ appError: { code: 'not_found' } });
  });
});

describe('HTML report', () => {
  it('escapes everything from the run and contains no script', async () => {
    const path = await exportRunReport({ store, redactor, dataDir }, 'run-1');
    expect(path).toBe(join(dataDir, 'exports', 'run-1.report.html'));
    const html = readFileSync(path, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Clone failed: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Site &lt;A&gt; &amp; &quot;B&quot;');
    expect(html).toContain('last error &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('hunter2');
    expect(html).toContain("default-src 'none'");
  });

  it('summarises the run: counts, created IDs, failed steps and the last warnings', async () => {
    const html = readFileSync(await exportRunReport({ store, redactor, dataDir }, 'run-1'), 'utf8');
    expect(html).toMatch(/<b>1<\/b>steps failed/);
    expect(html).toMatch(/<b>2 min 5 s<\/b>duration/);
    expect(html).toContain('VMID: 1002, Node: pve2');
    expect(html).not.toContain('phase=');
    expect(html).toContain('Check the node.');
    // 13 warnings and one error in the log; the newest 50 are shown, oldest first.
    expect(html.match(/<td>warn<\/td>/g)).toHaveLength(13);
    expect(html.indexOf('line 0<')).toBeLessThan(html.indexOf('last error'));
  });

  it('says plainly when a rehearsal found every step already done and created nothing', async () => {
    store.createRun(sampleRun('run-adopted', { environment: 'lab:pve-lab' }), sampleSteps());
    const steps = Object.fromEntries(sampleSteps().map((step) => [step.id, { state: 'adopted' as const }]));
    store.commit('run-adopted', { run: { state: 'succeeded', startedAt: 1_000, endedAt: 2_000 }, steps, events: [] });
    const html = readFileSync(await exportRunReport({ store, redactor, dataDir }, 'run-adopted'), 'utf8');
    expect(html).toContain('Nothing was created: all 3 steps were already done in the lab.');
    expect(html).toMatch(/<b>3<\/b>steps already done/);
    expect(html).toMatch(/<b>0<\/b>created/);
  });

  it('is written in the language of the settings: its headings, step titles, errors, hints and Rackpilot\'s log lines', async () => {
    store.createRun(sampleRun('run-zh'), [{ id: 'demo.upload:vm-02', kind: 'k', title: 'Upload image', titleKey: 'step.demo.upload', target: 'site-b/vm-02', deps: [], input: null }]);
    const error = appError('step_failed', text('error.demoFailure', { step: 'demo.upload:vm-02' }), { hint: text('error.demoFailureHint') });
    store.commit('run-zh', { run: { state: 'failed', startedAt: 1_000, endedAt: 2_000 }, steps: { 'demo.upload:vm-02': { state: 'failed', error } }, events: [] });
    store.appendLogLines([{ runId: 'run-zh', stepId: 'demo.upload:vm-02', level: 'error', at: 1_500, text: 'Failed after 1 attempt: Demo failure in demo.upload:vm-02', textRef: text('log.failedAfterOne', { error: error.text! }) }]);
    const html = readFileSync(await exportRunReport({ store, redactor, dataDir, language: async () => 'zh' }, 'run-zh', join(temp.dir, 'zh.html')), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    for (const words of ['<h2>摘要</h2>', '<h2>失败的步骤</h2>', '上传镜像', '演示故障：demo.upload:vm-02', '这是演示计划要求的故障', '尝试 1 次后失败：演示故障', '<span class="state failed">失败</span>']) expect(html).toContain(words);
    expect(html).toContain('<p data-outcome>1 个步骤中运行了 0 个，1 个失败。</p>');
    expect(html).not.toMatch(/Failed steps|Demo failure|Failed after|steps ran/);
    // A settings file that cannot be read leaves the report in English.
    const english = readFileSync(await exportRunReport({ store, redactor, dataDir, language: () => Promise.reject(new Error('unreadable')) }, 'run-zh', join(temp.dir, 'en.html')), 'utf8');
    expect(english).toContain('<h2>Failed steps</h2>');
    expect(english).toContain('Demo failure in demo.upload:vm-02');
    expect(english).toContain('<p data-outcome>0 of 1 steps ran, 1 failed.</p>');
  });

  it('is written atomically, leaving no temporary file', async () => {
    await exportRunReport({ store, redactor, dataDir }, 'run-1');
    expect(readdirSync(join(dataDir, 'exports')).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(existsSync(join(dataDir, 'exports', 'run-1.report.html'))).toBe(true);
  });
});
