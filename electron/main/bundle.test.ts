import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract/channels';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildElectron } from '../../scripts/buildElectron.mjs';

/*
 * The real bundle (main.cjs with the real engine and SQLite) run by Node,
 * with require('electron') answered by testdata/electronStub.cjs: proves the
 * bundle loads, finds its paths, serves IPC and closes the engine on quit.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

let work: string;
let events: Array<{ kind: string; value: unknown }>;
let exitCode: number | null;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rackpilot-bundle-smoke-'));
  const outDir = join(work, 'app', 'dist-electron');
  await buildElectron({ outDir });
  await cp(join(repo, 'assets', 'sample-plan'), join(work, 'app', 'assets', 'sample-plan'), { recursive: true });
  const home = join(work, 'home');
  const child = spawn(process.execPath, ['-r', join(here, 'testdata/electronStub.cjs'), join(outDir, 'main.cjs')], {
    env: { ...process.env, RACKPILOT_HOME: home, NODE_PATH: join(repo, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  exitCode = await new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  events = stdout
    .split('\n')
    .filter((line) => line.startsWith('SMOKE '))
    .map((line) => JSON.parse(line.slice(6)) as { kind: string; value: unknown });
  if (exitCode !== 0) console.error(stderr);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const find = (kind: string) => events.find((event) => event.kind === kind)?.value;

describe('the bundled main process', () => {
  it('uses RACKPILOT_HOME, installs the CSP and opens the hardened window on the renderer', () => {
    expect(find('setPath')).toEqual({ name: 'userData', value: join(work, 'home') });
    expect(find('csp')).toBe(true);
    expect(find('window')).toMatchObject({ preload: join(work, 'app/dist-electron/preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(find('loadFile')).toBe(join(work, 'app/dist-renderer/index.html'));
  });

  it('serves every channel from the real engine and refuses bad or foreign requests', () => {
    expect((find('channels') as string[]).sort()).toEqual([...channelNames].sort());
    const samples = join(work, 'app', 'assets', 'sample-plan');
    expect(find('app:info')).toEqual({
      ok: true,
      value: {
        version: '0.0.0-smoke',
        host: 'electron',
        dataDir: join(work, 'home'),
        samplePlans: { en: join(samples, 'sample-plan.en.xlsx'), zh: join(samples, 'sample-plan.zh.xlsx'), es: join(samples, 'sample-plan.es.xlsx') },
      },
    });
    expect(find('malformed')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(find('foreign')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('holds the first quit for the engine to close, then exits cleanly', () => {
    const quits = events.filter((event) => event.kind === 'quit').map((event) => event.value);
    expect(quits).toEqual([{ prevented: true }, { prevented: false }]);
    expect(find('errorBox')).toBeUndefined();
    expect(exitCode).toBe(0);
  });
});
