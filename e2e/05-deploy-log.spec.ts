import { DeployPage } from './pages/DeployPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('the log stays virtual with 100,000+ lines, follows the end until the user scrolls up, and filters', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  // 2 targets × 3 steps + report = 7 steps × 20,000 lines.
  await start.startDemo({ targets: 2, stepMs: 4000, logLinesPerStep: 20_000 });
  const run = new DeployPage(page);
  await run.expectRunState('succeeded', 90_000);
  await expect.poll(() => run.logLines(), { timeout: 30_000 }).toBeGreaterThanOrEqual(140_000);

  // Only the rows in view exist in the page.
  const rendered = await page.getByTestId('log-row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
  // Following: the newest line is the last one in view.
  await expect(run.logViewport).toHaveAttribute('data-follow', 'true');
  await run.logViewport.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('log-row').last()).toBeInViewport();
  await shot('log-following');

  // Scrolling up stops following; the list keeps its place.
  await run.logViewport.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await expect(run.logViewport).toHaveAttribute('data-follow', 'false');
  const middle = await page.getByTestId('log-row').first().getAttribute('data-seq');
  expect(Number(middle)).toBeGreaterThan(1000);
  await shot('log-scrolled-up');
  await page.getByTestId('log-jump').click();
  await expect(run.logViewport).toHaveAttribute('data-follow', 'true');

  // Filters: by target, by step, by level and by text.
  await page.getByTestId('log-filter-target').selectOption('site-b/vm-02');
  await expect.poll(() => run.shownLogLines()).toBeLessThan(await run.logLines());
  const targets = await page.locator('[data-testid="log-row"] .log-row__target').allTextContents();
  expect(new Set(targets)).toEqual(new Set(['site-b/vm-02']));
  await page.getByTestId('log-filter-step').selectOption('demo.upload:vm-02');
  await page.getByTestId('log-search').fill('LINE 12345 of');
  await expect(run.logCount).toHaveAttribute('data-shown', '1');
  await expect(page.getByTestId('log-row')).toHaveCount(1);
  await expect(page.getByTestId('log-row').locator('mark')).toHaveText('line 12345 of');
  await shot('log-filtered');

  await page.getByTestId('log-search').fill('');
  await page.getByTestId('log-filter-step').selectOption('');
  await page.getByTestId('log-filter-target').selectOption('');
  await page.getByTestId('log-filter-level').selectOption('error');
  await expect(run.logCount).toHaveAttribute('data-shown', '0');
  await expect(page.getByText('No line matches the filter.')).toBeVisible();
});
