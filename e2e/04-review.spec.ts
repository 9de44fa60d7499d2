import { StartPage } from './pages/StartPage';
import { ReviewPage } from './pages/ReviewPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample } from './support/workbooks';
import { expect, test } from './webhost.fixture';

test('the review shows what is created where, the steps with their order, and the totals, without touching anything', async ({ page, webHost, workdir, shot }) => {
  const workbook = await copySample(workdir);
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  await new ValidatePage(page).expectErrors(0);
  const nav = new WizardNav(page);
  await nav.go('review');

  const review = new ReviewPage(page);
  await review.expectReady();
  await expect(review.totals).toHaveAttribute('data-vms', '10');
  await expect(review.total('vms')).toHaveText('10');
  await expect(review.total('vcpu')).toHaveText('29');
  await expect(review.total('memory')).toHaveText('78 GiB');
  await expect(review.total('upload')).toHaveText('1 MiB');
  // A range, from guesses on a fresh laptop (the lab's own speed: seconds, not minutes).
  await expect(review.total('duration')).toContainText('–');
  await expect(page.getByTestId('total-duration')).toHaveAttribute('data-basis', 'defaults');
  await expect(page.getByTestId('review-screen')).toContainText('without connecting to any endpoint');
  // Grouped by endpoint and the node each VM prefers, the ISO upload on its node.
  await expect(review.placedVms).toHaveCount(10);
  await expect(review.node('pve-lab', 'pve1').getByTestId('placement-upload')).toHaveCount(1);
  await expect(review.node('pve-lab', 'pve1').locator('[data-vm="web-01"]')).toBeVisible();
  await expect(review.node('pve-lab', 'pve3').locator('[data-vm="web-03"]')).toBeVisible();
  // Every step of the graph, grouped by target.
  await expect(review.steps).toHaveCount(Number(await review.totals.getAttribute('data-steps')));
  await expect(page.locator('[data-testid="steplist-step"][data-step-id="vm.create:web-01"]')).toBeVisible();
  // What runs in parallel: the run's concurrency, then Proxmox's own limits on the node each VM prefers.
  const parallel = page.getByRole('region', { name: 'What runs in parallel' });
  await expect(parallel).toContainText(`Steps at the same time: ${await page.getByTestId('concurrency').inputValue()}.`);
  const pve1 = parallel.locator('[data-testid="parallel-endpoint"][data-endpoint="pve-lab"]');
  await expect(pve1.locator('[data-work="task"][data-node="pve1"]')).toHaveText(/^Platform tasks on node pve1: at most 4 at a time/);
  await expect(pve1.locator('[data-work="clone"][data-node="pve1"]').first()).toContainText('at most 2 at a time');
  await expect(pve1.locator('[data-work="upload"]')).toHaveCount(1);
  await shot('review');

  // Concurrency changes the estimate, not the plan.
  const before = await review.total('duration').textContent();
  await review.setConcurrency(1);
  await expect(review.total('duration')).not.toHaveText(before ?? '');
  await expect(review.totals).toHaveAttribute('data-vms', '10');
  await expect(parallel).toContainText('Steps at the same time: 1.');

  // Nothing checked yet: rehearsing is open, deploying for real is not.
  await expect(page.getByTestId('rehearse')).toBeEnabled();
  // A rehearsal starts on a fresh lab unless the user chooses to continue in it.
  const labMode = page.getByRole('group', { name: 'Which lab' });
  await expect(labMode.getByRole('radio', { name: 'Start from a fresh lab' })).toBeChecked();
  await labMode.getByRole('radio', { name: 'Continue in the current lab' }).check();
  await expect(labMode.getByRole('radio', { name: 'Start from a fresh lab' })).not.toBeChecked();
  await expect(page.getByTestId('deploy-real')).toBeDisabled();
  await expect(page.getByTestId('deploy-reason')).toContainText('Check the endpoints');
  await nav.expectBlocked('deploy');
});
