import { HistoryPage } from './pages/HistoryPage';
import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('a demo run started from the UI shows progress and log lines as they arrive, then appears in the history', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  await shot('start');

  const runId = await start.startDemo({ targets: 3, stepMs: 1500, logLinesPerStep: 30 });
  const run = new DeployPage(page);
  await expect(page.getByTestId('run-id')).toContainText(runId);

  // Live: lines and finished steps arrive while the run is still going.
  await expect.poll(() => run.logLines()).toBeGreaterThan(0);
  await expect.poll(() => run.stepsDone()).toBeGreaterThan(0);
  await expect(page.getByTestId('log-row').first()).toBeVisible();
  await expect(page.locator('[data-testid="target-row"]')).toHaveCount(4);
  await shot('run-in-progress');

  await run.expectRunState('succeeded', 60_000);
  await expect(run.progressText).toHaveAttribute('data-done', '10');
  await expect(run.progressText).toContainText('10 of 10 steps');
  await expect(run.progressText).toContainText('1.5 GiB of 1.5 GiB');
  const states = await run.stepStates();
  expect(Object.values(states)).toHaveLength(10);
  expect(new Set(Object.values(states))).toEqual(new Set(['succeeded']));
  // Every step wrote its lines (30 each) plus the engine's own.
  expect(await run.logLines()).toBeGreaterThanOrEqual(300);
  await shot('run-succeeded');

  const history = new HistoryPage(page);
  await history.open();
  await expect(history.row(runId)).toHaveAttribute('data-state', 'succeeded');
  await shot('history');

  await history.openRun(runId);
  await run.expectReady();
  await run.expectRunState('succeeded');
  await shot('run-from-history');
});
