import { readFile } from 'node:fs/promises';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample, setCells } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('a broken cell shows as a finding at its cell; fixing the file offers a reload that clears it', async ({ page, webHost, workdir, shot }) => {
  const workbook = await copySample(workdir, 'broken.xlsx');
  await setCells(workbook, [
    ['VMs', 'J2', '10.20.0.999'],
    ['VMs', 'G3', 'lots'],
  ]);
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  const validate = new ValidatePage(page);
  const nav = new WizardNav(page);
  await validate.expectImported();
  await validate.expectErrors(2);
  await expect(validate.finding('VMs!J2')).toHaveAttribute('data-severity', 'error');
  await expect(validate.finding('VMs!J2')).toContainText('10.20.0.999');
  await expect(validate.finding('VMs!G3')).toHaveAttribute('data-severity', 'error');
  // Errors keep the later steps closed, and say why.
  await nav.expectBlocked('connect');
  await nav.expectBlocked('review');
  await expect(page.getByTestId('step-next')).toBeDisabled();
  await expect(page.getByTestId('step-footer')).toContainText('Fix the errors in the workbook first.');
  await shot('findings');

  // Filters: by text (any column) and by severity.
  await validate.filterText('g3');
  await expect(validate.rows).toHaveCount(1);
  await expect(page.getByTestId('findings-shown')).toHaveAttribute('data-shown', '1');
  await validate.filterText('');
  await validate.showSeverity('error', false);
  await expect(validate.rows).toHaveCount(0);
  await validate.showSeverity('error', true);
  await expect(validate.rows).toHaveCount(2);

  // Export: a CSV the user can open in Excel, one row per finding shown.
  const download = await validate.exportCsv();
  expect(download.suggestedFilename()).toBe('broken-findings.csv');
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('Severity,Code,Cell,Message,How to fix');
  expect(lines).toHaveLength(3);
  expect(lines.some((line) => line.startsWith('error,ip.invalid,VMs!J2,'))).toBe(true);

  // The user fixes one cell in "Excel" and saves: the page offers to read the file again.
  await setCells(workbook, [['VMs', 'J2', '10.20.0.21']]);
  await expect(validate.changedBanner).toBeVisible();
  await shot('changed-banner');
  await validate.reloadFromBanner();
  await validate.expectErrors(1);
  await expect(validate.finding('VMs!J2')).toHaveCount(0);

  await setCells(workbook, [['VMs', 'G3', '4 GiB']]);
  await validate.reloadFromBanner();
  await validate.expectErrors(0);
  await expect(page.getByTestId('plan-ok')).toBeVisible();
  await nav.expectOpen('connect');
  await shot('fixed');
  await nav.next();
  await nav.expectCurrent('connect');
});

test('the validate step works from the keyboard alone', async ({ page, webHost, workdir }) => {
  const workbook = await copySample(workdir, 'keys.xlsx');
  await setCells(workbook, [['VMs', 'J2', 'not-an-ip']]);
  const start = new StartPage(page);
  await start.open(webHost.url);
  await page.getByTestId('workbook-path').focus();
  await page.keyboard.type(workbook);
  await page.keyboard.press('Enter');
  const validate = new ValidatePage(page);
  await validate.expectImported();
  // Tab reaches the search box of the findings and typing filters them.
  await page.getByTestId('filter-text').focus();
  await page.keyboard.type('J2');
  await expect(validate.rows).toHaveCount(1);
  await setCells(workbook, [['VMs', 'J2', '10.20.0.21']]);
  await expect(validate.changedBanner).toBeVisible();
  await page.getByTestId('changed-reload').focus();
  await page.keyboard.press('Enter');
  await validate.expectErrors(0);
});
