import { readFile } from 'node:fs/promises';
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
  await expect(report.figures).toHaveAttribute('data-created', '11');
  await expect(page.getByTestId('report-duration')).toBeVisible();

  const html = await report.export('report');
  expect(await readFile(html, 'utf8')).toContain('Rackpilot sample site');
  const logs = await report.export('logs');
  expect((await readFile(logs)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  const results = await report.export('results');
  expect(results.startsWith(workdir)).toBe(true);
  await shot('report-exported');

  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(runId)).toHaveAttribute('data-state', 'succeeded');
  await shot('history');
  await history.openReport(runId);
  await report.expectReady();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rackpilot sample site');
});
