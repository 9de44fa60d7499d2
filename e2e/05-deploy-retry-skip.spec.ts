import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('a step that failed can be retried alone, and the run then completes', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.startDemo({ targets: 2, stepMs: 400, logLinesPerStep: 5, failStep: 'demo.upload:vm-02', failMode: 'once' });
  const run = new DeployPage(page);

  await run.expectStepState('demo.upload:vm-02', 'failed', 60_000);
  await expect(run.step('demo.upload:vm-02').getByTestId('step-error')).toContainText('demo.upload:vm-02');
  // The other target's chain is not held up by the failure.
  await run.expectStepState('demo.configure:vm-01', 'succeeded', 60_000);
  await expect(run.progressText).toContainText('1 failed');
  // Failed steps are listed up front, with the retry named after the step and its target.
  const failed = page.locator('[data-testid="failed-step"][data-step-id="demo.upload:vm-02"]');
  await expect(failed).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Retry step Upload image (site-b/vm-02)' })).toBeVisible();
  await shot('step-failed');

  await run.retry('demo.upload:vm-02');
  await run.expectStepState('demo.configure:vm-02', 'succeeded', 60_000);
  await run.expectRunState('succeeded', 60_000);
  await expect(run.step('demo.upload:vm-02')).toHaveAttribute('data-state', 'succeeded');
  await expect(run.step('demo.upload:vm-02').getByTestId('step-retry')).toHaveCount(0);
  await expect(page.getByTestId('failed-steps')).toHaveCount(0);
  await shot('run-succeeded-after-retry');
});

test('skipping a failed step asks first, then lets its dependants go ahead', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.startDemo({ targets: 1, stepMs: 300, logLinesPerStep: 3, failStep: 'demo.configure:vm-01', failMode: 'always' });
  const run = new DeployPage(page);

  await run.expectStepState('demo.configure:vm-01', 'failed', 60_000);
  await run.expectStepState('demo.report', 'pending');

  await run.step('demo.configure:vm-01').getByTestId('step-skip').click();
  const dialog = page.getByTestId('confirm-skip');
  await expect(dialog).toBeVisible();
  await shot('confirm-skip');
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(dialog).toBeHidden();
  await run.expectStepState('demo.configure:vm-01', 'failed');

  await run.skip('demo.configure:vm-01');
  await run.expectStepState('demo.configure:vm-01', 'skipped');
  await run.expectStepState('demo.report', 'succeeded', 60_000);
  await run.expectRunState('succeeded', 60_000);
  await shot('run-succeeded-after-skip');
});
