import { execFileSync } from 'node:child_process';
import { cp, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DeployPage } from './pages/DeployPage';
import { ReportPage } from './pages/ReportPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { untranslatedOnPage } from './support/untranslated';
import { root } from './support/workbooks';
import { seriousAxeViolations } from './support/axe';
import { expect, test } from './webhost.fixture';

const isoName = 'cloudtower-4.6.0.el7.x86_64.iso';
/** The stages of the CloudTower design, in its order, by the start of their step ids. */
const stageIds = ['cloudtower.prepare:', 'image.upload:', 'vm.create:', 'cloudtower.install:', 'cloudtower.verify:', 'cloudtower.configure:', 'cloudtower.attach:', 'cloudtower.output:'];
/** The report fields the design's output carries. */
const reportFields = ['baseUrl', 'version', 'organisation', 'ntp', 'dns', 'licenseSerial', 'licenseType'];

/**
 * The SmartX sample with an ISO large enough (several of the lab's 8 MiB
 * chunks) for the upload to be seen in flight; the file is sparse, so it
 * costs no disk.
 */
async function smartxSample(dir: string, name: string): Promise<string> {
  const target = join(dir, name);
  await cp(join(root, 'assets/sample-plan/sample-smartx.xlsx'), target);
  await cp(join(root, 'assets/sample-plan', isoName), join(dir, isoName));
  await truncate(join(dir, isoName), 96 * 1024 * 1024);
  return target;
}

/** Records every text the pipeline's live lines show, however briefly, from now on. */
async function recordPipelineTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { detail: string[]; output: string[] } = { detail: [], output: [] };
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>; body: unknown } }).document;
    const take = () => {
      for (const [selector, list] of [['[data-testid="pipeline-detail"]', seen.detail], ['[data-testid="pipeline-output"]', seen.output]] as const) {
        for (const element of Array.from(doc.querySelectorAll(selector))) {
          const text = element.textContent ?? '';
          if (text && list.at(-1) !== text) list.push(text);
        }
      }
    };
    const Observer = (globalThis as unknown as { MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void } }).MutationObserver;
    new Observer(take).observe(doc.body, { subtree: true, childList: true, characterData: true });
    (globalThis as unknown as { pipelineSeen: typeof seen }).pipelineSeen = seen;
  });
}

async function pipelineTexts(page: Page): Promise<{ detail: string[]; output: string[] }> {
  return page.evaluate(() => (globalThis as unknown as { pipelineSeen: { detail: string[]; output: string[] } }).pipelineSeen);
}

/** Every cell of every sheet of a workbook as text, read by openpyxl as another program would. */
function workbookTexts(path: string): string {
  const script = 'import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1],data_only=True)\nfor ws in wb:\n  for row in ws.iter_rows(values_only=True):\n    print("\\t".join("" if v is None else str(v) for v in row))';
  return execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
}

async function rehearseSmartx(page: Page, url: string, workbook: string, language: 'en' | 'zh'): Promise<{ deploy: DeployPage; runId: string }> {
  const start = new StartPage(page);
  await start.open(url);
  if (language !== 'en') {
    const settings = new SettingsPage(page);
    await settings.open();
    await settings.setLanguage(language);
    await page.getByTestId('nav-wizard').click();
  }
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  const nav = new WizardNav(page);
  await nav.go('review');
  const review = new ReviewPage(page);
  await review.expectReady();
  await recordPipelineTexts(page);
  const runId = await review.rehearse();
  const deploy = new DeployPage(page);
  await expect(page.getByTestId('pipeline')).toBeVisible();
  return { deploy, runId };
}

test('a SmartX rehearsal shows the CloudTower pipeline stage by stage, and its report and results workbook carry what CloudTower became', async ({ page, webHost, workdir, shot }) => {
  test.setTimeout(300_000);
  const workbook = await smartxSample(workdir, 'smartx.xlsx');
  const { deploy, runId } = await rehearseSmartx(page, webHost.url, workbook, 'en');

  // The eight stages, in the design's order, each a step with its title.
  const stages = page.getByTestId('pipeline-stage');
  await expect(stages).toHaveCount(stageIds.length);
  const ids = await stages.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-step-id') ?? ''));
  ids.forEach((id, index) => expect(id.startsWith(stageIds[index]!), `stage ${index + 1} is ${id}`).toBe(true));
  for (const [index, id] of ids.entries()) {
    const title = (await deploy.step(id).locator('th').first().innerText()).split('\n')[0]!.trim();
    await expect(stages.nth(index).getByTestId('pipeline-title')).toHaveText(title);
  }
  await expect(deploy.step(ids[1]!)).toHaveAttribute('data-state', /running|succeeded/, { timeout: 60_000 });
  await shot('smartx-deploy-running');
  await deploy.expectRunState('succeeded', 240_000);
  expect(await seriousAxeViolations(page), 'axe on the deploy screen').toEqual([]);
  await shot('smartx-deploy-done');

  // The upload was seen in flight with its bytes, speed and time left; the install with the installer's own lines.
  const seen = await pipelineTexts(page);
  expect(seen.detail.some((text) => /MiB of 96 MiB · [\d.,]+ [KMG]i?B\/s · .+ left/.test(text)), seen.detail.join('\n')).toBe(true);
  // The installer's progress lines (`[3/5] Starting core services`) passed through the install stage as they came.
  expect(seen.output.some((text) => /^\[\d+\/\d+\] \S/.test(text)), seen.output.join('\n')).toBe(true);
  await expect(deploy.logViewport).toContainText('Install Operation Center Successfully');

  // The report names CloudTower's address, version, organisation, NTP, DNS and license.
  await deploy.openReport();
  const report = new ReportPage(page);
  const output = page.locator('[data-testid="report-result"][data-step-id^="cloudtower.output:"]');
  await expect(output).toBeVisible();
  const values: Record<string, string> = {};
  for (const field of reportFields) {
    const value = (await output.locator(`[data-field="${field}"] dd`).textContent())?.trim() ?? '';
    expect(value, field).not.toBe('');
    values[field] = value;
  }
  expect(values.baseUrl).toMatch(/^https:\/\/\d+\.\d+\.\d+\.\d+$/);
  expect(await seriousAxeViolations(page), 'axe on the report').toEqual([]);
  await shot('smartx-report');

  // The written-back workbook holds the same values.
  const results = await report.download('results');
  const resultsFile = join(workdir, results.suggestedFilename());
  await results.saveAs(resultsFile);
  const cells = workbookTexts(resultsFile);
  for (const [field, value] of Object.entries(values)) expect(cells, `${field} in the results workbook`).toContain(value);

  // The same two screens in the dark theme.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setTheme('dark');
  await goTo(page, `#/report/${encodeURIComponent(runId)}`);
  await report.expectReady();
  await expect(output).toBeVisible();
  expect(await seriousAxeViolations(page), 'axe on the dark report').toEqual([]);
  await shot('smartx-report-dark');
  await goTo(page, `#/deploy/${encodeURIComponent(runId)}`);
  await deploy.expectRunState('succeeded');
  expect(await seriousAxeViolations(page), 'axe on the dark deploy screen').toEqual([]);
  await shot('smartx-deploy-dark');
});

test('in Chinese, the SmartX pipeline and its report show no English catalogue text', async ({ page, webHost, workdir, shot }) => {
  test.setTimeout(300_000);
  const workbook = await smartxSample(workdir, 'smartx-zh.xlsx');
  const { deploy } = await rehearseSmartx(page, webHost.url, workbook, 'zh');
  await deploy.expectRunState('succeeded', 240_000);
  expect(await untranslatedOnPage(page, 'zh')).toEqual([]);
  await shot('smartx-deploy-zh');
  await deploy.openReport();
  await expect(page.getByTestId('report-results')).toBeVisible();
  expect(await untranslatedOnPage(page, 'zh')).toEqual([]);
  await shot('smartx-report-zh');
});
