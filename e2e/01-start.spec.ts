import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('a workbook uploaded through the file chooser is imported, and only the start step is open before', async ({ page, webHost, workdir, shot }) => {
  const sample = await copySample(workdir, 'uploaded-site.xlsx');
  const start = new StartPage(page);
  await start.open(webHost.url);
  const nav = new WizardNav(page);
  await nav.expectCurrent('start');
  for (const step of ['validate', 'connect', 'review', 'deploy', 'report'] as const) await nav.expectBlocked(step);
  await expect(start.sample).toBeVisible();
  await shot('start');

  await start.uploadWorkbook(sample);
  const validate = new ValidatePage(page);
  await validate.expectImported();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Validate uploaded-site.xlsx');
  await expect(page.getByTestId('plan-count-vms')).toHaveAttribute('data-count', '10');
  // The browser sends the workbook alone: the ISO beside it is missing, and the page says why.
  await validate.expectErrors(1);
  await expect(validate.finding('Images!C2')).toHaveAttribute('data-code', 'image.file_missing');
  await expect(page.getByTestId('upload-files-note')).toBeVisible();
  await nav.expectBlocked('review');
  await shot('uploaded');
  // An upload is the engine's copy: it offers to upload the fixed file rather than to read a path again.
  await expect(page.getByTestId('reupload')).toBeVisible();
});

test('a typed path opens the workbook, remembers it as recent, and survives a reload', async ({ page, webHost, workdir }) => {
  const sample = await copySample(workdir);
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(`  "${sample}"  `);
  const validate = new ValidatePage(page);
  await validate.expectImported();
  await expect(page.getByTestId('reimport')).toBeVisible();

  // The wizard keeps its place: a reload reads the same workbook again.
  await page.reload();
  await validate.expectImported();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Validate site.xlsx');

  await new WizardNav(page).go('start');
  await expect(page.getByTestId('current-workbook')).toContainText('site.xlsx');
  await expect(start.recentFile(sample)).toBeVisible();
  await page.getByTestId('close-workbook').click();
  await new WizardNav(page).expectBlocked('validate');
  await start.recentFile(sample).getByRole('button', { name: `Open ${sample}` }).click();
  await validate.expectImported();

  // A path that does not exist says so on the start screen.
  await new WizardNav(page).go('start');
  await page.getByTestId('workbook-path').fill(join(workdir, 'missing.xlsx'));
  await page.getByTestId('open-path').click();
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-error')).toContainText('missing.xlsx');
});

test('a template workbook is written where asked, in the chosen language, and opens with its findings', async ({ page, webHost, workdir, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const target = join(workdir, 'new-site.xlsx');
  expect(await start.createTemplate(target, 'es')).toBe(target);
  expect(existsSync(target)).toBe(true);
  await shot('template-written');

  // Writing it again needs the permission to replace it.
  await page.getByTestId('template-create').click();
  await expect(page.getByTestId('template-error')).toBeVisible();
  await page.getByTestId('template-overwrite').check();
  await page.getByTestId('template-create').click();
  await expect(page.getByTestId('template-written')).toBeVisible();

  await page.getByTestId('template-open').click();
  const validate = new ValidatePage(page);
  await validate.expectImported();
  await expect(page.getByTestId('validate-screen')).toContainText('new-site.xlsx');
});

test('the sample plan rehearses in the lab with one click, the output of its scripts in the log, and announces the end', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const runId = await start.rehearseSample();
  const deploy = new DeployPage(page);
  await deploy.expectReady();
  await expect(page.getByTestId('run-id')).toContainText(runId);
  await deploy.expectRunState('succeeded', 90_000);
  // 10 VMs, the ISO, and the sample's `hello` script on each VM.
  await expect(deploy.progressText).toHaveAttribute('data-done', '21');
  // The script's own output, from the lab's SSH, in the live log of its step.
  await page.getByTestId('log-filter-step').selectOption('script:web-01/hello');
  await page.getByTestId('log-search').fill('hello from Rackpilot');
  await expect(deploy.logViewport.getByText('hello from Rackpilot')).toBeVisible();
  await page.getByTestId('log-search').fill('');
  await page.getByTestId('log-filter-step').selectOption('');
  // Headless Chromium grants no notifications: the page says it instead.
  const toast = page.getByTestId('toast');
  await expect(toast).toHaveAttribute('data-tone', 'success');
  await expect(toast).toContainText('The run finished successfully');
  await shot('sample-rehearsed');
  await toast.getByRole('link').click();
  await expect(page.getByTestId('report-screen')).toHaveAttribute('data-state', 'succeeded');
  await expect(page.getByTestId('toast')).toHaveCount(0);
});
