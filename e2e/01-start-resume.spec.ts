import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('a run interrupted by the host stopping is offered for resuming on the start screen, and resumes', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const runId = await start.startDemo({ targets: 2, stepMs: 3000, logLinesPerStep: 10 });
  const run = new DeployPage(page);
  await expect.poll(() => run.stepsDone(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  const doneBefore = await run.stepsDone();

  await webHost.restart();
  await start.open(webHost.url);
  const offered = page.locator(`[data-testid="interrupted-run"][data-run-id="${runId}"]`);
  await expect(offered).toBeVisible();
  await shot('interrupted-run-offered');

  await offered.getByRole('button', { name: `Resume run ${runId}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/deploy/${runId}$`));
  await run.expectReady();
  expect(await run.stepsDone()).toBeGreaterThanOrEqual(doneBefore);
  await run.expectRunState('succeeded', 60_000);
  await expect(run.progressText).toHaveAttribute('data-done', '7');
  await shot('resumed-run-succeeded');

  await page.getByTestId('wizard-step-start').getByRole('link').click();
  await expect(page.getByTestId('interrupted-run')).toHaveCount(0);
});
