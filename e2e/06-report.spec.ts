import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeployPage } from './pages/DeployPage';
import { HistoryPage } from './pages/HistoryPage';
import { ReportPage } from './pages/ReportPage';
import { ReviewPage } from './pages/ReviewPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('a lab rehearsal ends in a report with the three files, reachable again from the history', async ({ page, webHost, workdir, shot }) => {
  const workbook = await copySample(workdir, 'rehearsal.xlsx');
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  const nav = new WizardNav(page);
  await nav.go('review');
  const review = new ReviewPage(page);
  await review.expectReady();
  const runId = await review.rehearse();
  const deploy = new DeployPage(page);
  await deploy.expectRunState('succeeded', 90_000);
  // The report is a step like the others once the run has ended.
  await nav.go('report');
  const report = new ReportPage(page);
  await report.expectReady();
  // 10 VMs and the ISO; the scripts run but create nothing.
  await expect(report.figures).toHaveAttribute('data-created', '11');
  await expect(page.getByTestId('report-duration')).toBeVisible();

  // The browser cannot reach the host's disk: each export arrives as a download that opens.
  const html = await report.download('report');
  expect(html.suggestedFilename()).toMatch(/\.html$/);
  const htmlFile = join(workdir, html.suggestedFilename());
  await html.saveAs(htmlFile);
  const logs = await report.download('logs');
  expect(logs.suggestedFilename()).toMatch(/\.tar\.gz$/);
  const logsFile = join(workdir, logs.suggestedFilename());
  await logs.saveAs(logsFile);
  expect(execFileSync('tar', ['-tzf', logsFile], { encoding: 'utf8' })).toContain('log.txt');
  const results = await report.download('results');
  expect(results.suggestedFilename()).toMatch(/\.xlsx$/);
  const resultsFile = join(workdir, results.suggestedFilename());
  await results.saveAs(resultsFile);
  expect(execFileSync('python3', ['-m', 'zipfile', '-l', resultsFile], { encoding: 'utf8' })).toContain('xl/workbook.xml');
  expect(await page.getByTestId('export-path').first().textContent()).toBeTruthy();
  await shot('report-exported');

  // The HTML report opens, fits a 1366 px window (long errors wrap) and names the plan.
  const opened = await page.context().newPage();
  await opened.goto(pathToFileURL(htmlFile).href);
  await expect(opened.locator('h1')).toContainText('Rackpilot sample site');
  await expect(opened.locator('table').first()).toBeVisible();
  expect(await opened.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
  await opened.close();

  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(runId)).toHaveAttribute('data-state', 'succeeded');
  await shot('history');
  await history.openReport(runId);
  await report.expectReady();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rackpilot sample site');
});
