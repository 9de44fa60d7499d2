import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('cancelling a run asks first, then stops it and its running steps', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.startDemo({ targets: 2, stepMs: 30_000, logLinesPerStep: 50 });
  const run = new DeployPage(page);
  await run.expectRunState('running');
  await run.expectStepState('demo.prepare:vm-01', 'running');

  // Going back from the question leaves the run alone.
  await page.getByTestId('run-cancel').click();
  const dialog = page.getByTestId('confirm-cancel');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Go back' })).toBeFocused();
  await shot('confirm-cancel');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await run.expectRunState('running');

  await run.cancel();
  await run.expectRunState('cancelled');
  await run.expectStepState('demo.prepare:vm-01', 'cancelled');
  await expect(page.getByTestId('run-cancel')).toHaveCount(0);
  await expect(page.getByTestId('run-pause')).toHaveCount(0);
  await shot('run-cancelled');

  // The engine agrees: a fresh load shows the same.
  await page.reload();
  await run.expectReady();
  await run.expectRunState('cancelled');
});
