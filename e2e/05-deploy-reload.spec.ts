import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('reloading the page mid-run shows the same run in the same state, and it keeps going', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const runId = await start.startDemo({ targets: 2, stepMs: 2500, logLinesPerStep: 40 });
  const run = new DeployPage(page);
  await expect.poll(() => run.stepsDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

  // Pausing makes the state stand still, so before and after can be compared exactly.
  await run.pause();
  await run.expectRunState('paused');
  await expect(page.locator('[data-testid="step-row"][data-state="running"]')).toHaveCount(0, { timeout: 30_000 });
  const states = await run.stepStates();
  const lines = await run.logLines();
  const progress = await run.progressText.textContent();
  await shot('paused-before-reload');

  await page.reload();
  await run.expectReady();
  await expect(page.getByTestId('run-id')).toContainText(runId);
  await run.expectRunState('paused');
  expect(await run.stepStates()).toEqual(states);
  await expect(run.logCount).toHaveAttribute('data-total', String(lines));
  await expect(run.progressText).toHaveText(progress ?? '');
  await shot('paused-after-reload');

  await run.resume();
  await run.expectRunState('running');
  // A reload while steps are running: nothing finished goes back, and events keep arriving afterwards.
  await expect(page.locator('[data-testid="step-row"][data-state="running"]').first()).toBeVisible();
  const doneBefore = await run.stepsDone();
  await page.reload();
  await run.expectReady();
  expect(await run.stepsDone()).toBeGreaterThanOrEqual(doneBefore);
  await run.expectRunState('succeeded', 60_000);
  await expect(run.progressText).toHaveAttribute('data-done', '7');
  await shot('succeeded-after-reload');
});
