import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no type declarations
import { englishSites, englishSitesIn } from './checkEngineText.mjs';

type Site = { file?: string; line: number; what: string };
const sitesOf = (source: string): Site[] => englishSitesIn('scratch.ts', source);

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the check for English left in engine text', () => {
  it('finds English titles, hints and log lines, however they are built', () => {
    const sites = sitesOf(
      [
        "fail('plan_invalid', `The plan has no endpoint ${name}.`);",
        "throw new AppFailure(appError('network',",
        "  'SMTX OS answered without a token.', { retryable: false }));",
        "appError('auth', text('x.y'), { hint: 'Check the password.' });",
        "job.log('info', `Uploaded ${n} chunks.`);",
        "options.log?.('debug', 'Job ' + id + ' polled.');",
        "log('warn', ok ? text('a.b') : 'Nothing to do here.');",
        "checks.push(check('login', 'ok', `Logged in as ${user}.`, 'No detail.'));",
        "steps.push({ id, kind: 'vm', title: `Router ${name} on ${endpoint}`, target: endpoint, deps: [] });",
        "await sleep(1000, signal, `Waiting for VM ${vmid}`);",
      ].join('\n'),
    );
    expect(sites).toEqual([
      { line: 1, what: 'fail title' },
      { line: 3, what: 'appError title' },
      { line: 4, what: 'appError hint' },
      { line: 5, what: 'log line' },
      { line: 6, what: 'log line' },
      { line: 7, what: 'log line' },
      { line: 8, what: 'check message' },
      { line: 8, what: 'check message' },
      { line: 9, what: 'step title' },
      { line: 10, what: 'sleep words' },
    ]);
  });

  it('accepts catalogue text, platform words passed through, and internal errors', () => {
    expect(
      sitesOf(
        [
          "fail('plan_invalid', text('smartx.noEndpoint', { name }));",
          "appError('step_failed', said.message, { hint: text('smartx.retryHint') });",
          "job.log('info', line);",
          "fail('internal', 'connectChain needs at least one hop');",
          "logger.info(`Started ${name}`);",
          "check('login', 'ok', text('preflight.login.ok', { user }));",
          "({ id, kind, title: `Create VM ${name}`, titleKey: 'step.vm.create', target: name });",
          "check(value, 'Some words here');",
          "await sleep(1000, signal, text('wait.pveGuest', { vmid }));",
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('walks folders and leaves out tests, test kits and the lab', () => {
    const root = mkdtempSync(join(tmpdir(), 'rp-engine-text-'));
    roots.push(root);
    const files: Record<string, string> = {
      'electron/engine/a.ts': "fail('network', 'It is down.');",
      'electron/engine/a.test.ts': "fail('network', 'It is down.');",
      'electron/engine/testing/kit.ts': "fail('network', 'It is down.');",
      'electron/lab/sim.ts': "fail('network', 'It is down.');",
    };
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
    expect(englishSites(['electron'], root)).toEqual([{ file: 'electron/engine/a.ts', line: 1, what: 'fail title' }]);
  });
});

describe('the engine and shared code', () => {
  it('say nothing a user reads in English literals: every error, hint, log line, check and step title is catalogue text', () => {
    expect(englishSites().map((site: Site) => `${site.file}:${site.line} ${site.what}`)).toEqual([]);
  });
});
