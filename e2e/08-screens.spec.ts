import type { Page } from '@playwright/test';
import { DeployPage } from './pages/DeployPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample, setCells } from './support/workbooks';
import { seriousAxeViolations } from './support/axe';
import { expect, test } from './webhost.fixture';

/** Controls a screen reader could not name: no label, no aria-label(ledby), no text. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<Record<string, unknown>> } }).document;
    type Control = { tagName: string; id: string; type?: string; hidden?: boolean; labels?: ArrayLike<unknown> | null; textContent: string | null; getAttribute(name: string): string | null; closest(selector: string): unknown; getClientRects(): ArrayLike<unknown> };
    const controls = Array.from(doc.querySelectorAll('button, a[href], input, select, textarea, [tabindex="0"]')) as unknown as Control[];
    return controls
      .filter((control) => control.getClientRects().length > 0 && control.type !== 'hidden')
      .filter((control) => {
        const named = control.getAttribute('aria-label') || control.getAttribute('aria-labelledby') || (control.labels && control.labels.length > 0) || (control.textContent ?? '').trim() !== '' || control.getAttribute('title');
        return !named;
      })
      .map((control) => `${control.tagName.toLowerCase()}#${control.id}[${control.getAttribute('data-testid') ?? ''}]`);
  });
}

/** Rows of `selector` that a scrolling or clipping box hides: outside the box's visible part. */
function clippedRows(page: Page, selector: string): Promise<number> {
  return page.evaluate((rowSelector) => {
    type Box = { top: number; bottom: number };
    type El = { parentElement: El | null; getBoundingClientRect(): Box };
    const view = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El>; body: El }; getComputedStyle(e: El): { overflowY: string } };
    return Array.from(view.document.querySelectorAll(rowSelector)).filter((row) => {
      const rect = row.getBoundingClientRect();
      for (let box = row.parentElement; box && box !== view.document.body; box = box.parentElement) {
        if (view.getComputedStyle(box).overflowY === 'visible') continue;
        const frame = box.getBoundingClientRect();
        if (rect.top < frame.top - 1 || rect.bottom > frame.bottom + 1) return true;
      }
      return false;
    }).length;
  }, selector);
}

const languages = ['en', 'zh', 'es'] as const;
const themes = ['light', 'dark'] as const;

test('one rehearsal, then every screen at 1366x768 in both themes and all three languages: all rows reachable, every control named, nothing serious for axe', async ({ page, webHost, workdir, shot }) => {
  test.setTimeout(300_000);
  const workbook = await copySample(workdir, 'screens.xlsx');
  const start = new StartPage(page);
  await start.open(webHost.url);
  await start.openPath(workbook);
  const validate = new ValidatePage(page);
  await validate.expectImported();
  const nav = new WizardNav(page);
  await nav.go('connect');
  await page.getByTestId('target-lab').check();
  await expect(page.getByTestId('connect-screen')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await nav.go('review');
  const review = new ReviewPage(page);
  await review.expectReady();
  const runId = await review.rehearse();
  const deploy = new DeployPage(page);
  await deploy.expectRunState('succeeded', 90_000);
  // The finished message goes by itself and stops covering the tables.
  await expect(page.getByTestId('toast')).toHaveCount(1);
  await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 20_000 });

  const screens: Array<{ name: string; hash: string; ready: () => Promise<void> }> = [
    { name: 'start', hash: '#/', ready: () => expect(page.getByTestId('start-screen')).toBeVisible() },
    { name: 'validate', hash: '#/validate', ready: () => validate.expectImported() },
    { name: 'connect', hash: '#/connect', ready: () => expect(page.getByTestId('connect-screen')).toHaveAttribute('data-status', 'done', { timeout: 90_000 }) },
    { name: 'review', hash: '#/review', ready: () => review.expectReady() },
    { name: 'deploy', hash: `#/deploy/${encodeURIComponent(runId)}`, ready: () => deploy.expectRunState('succeeded') },
    { name: 'report', hash: `#/report/${encodeURIComponent(runId)}`, ready: () => expect(page.getByTestId('report-screen')).toHaveAttribute('data-status', 'ready') },
    { name: 'history', hash: '#/history', ready: () => expect(page.getByTestId('history-screen')).toBeVisible() },
  ];
  const settings = new SettingsPage(page);
  for (const language of languages) {
    for (const theme of themes) {
      await settings.open();
      await settings.setLanguage(language);
      await settings.setTheme(theme);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await shot(`${language}-${theme}-settings`);
      for (const screen of screens) {
        await page.evaluate((hash) => {
          (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
        }, screen.hash);
        await screen.ready();
        expect(await unnamedControls(page), `${screen.name} in ${language}/${theme}`).toEqual([]);
        expect(await seriousAxeViolations(page), `axe on ${screen.name} in ${language}/${theme}`).toEqual([]);
        await shot(`${language}-${theme}-${screen.name}`);
      }
    }
  }

  // Every row of every list is on the page, none behind a small scroll box.
  await page.evaluate((hash) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, `#/deploy/${encodeURIComponent(runId)}`);
  await deploy.expectRunState('succeeded');
  await expect(page.getByTestId('target-row')).toHaveCount(11);
  // 10 VMs and the ISO are the targets; each VM's `hello` script is a step of its own.
  await expect(page.getByTestId('step-row')).toHaveCount(21);
  expect(await clippedRows(page, '[data-testid="target-row"], [data-testid="step-row"]')).toBe(0);
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/review';
  });
  await review.expectReady();
  await expect(review.placedVms).toHaveCount(10);
  expect(await clippedRows(page, '[data-testid="placement-vm"], [data-testid="steplist-step"]')).toBe(0);
  // The estimate now goes by this laptop's rehearsal, and fits its tile.
  await expect(page.getByTestId('total-duration')).toHaveAttribute('data-basis', 'history');
  expect(await page.getByTestId('total-duration').evaluate((tile) => tile.scrollWidth <= tile.clientWidth)).toBe(true);
});

test('the wizard can be walked with the keyboard alone, from the skip link into the wizard', async ({ page, webHost, workdir }) => {
  const workbook = await copySample(workdir, 'keys.xlsx');
  const start = new StartPage(page);
  await start.open(webHost.url);
  // The first Tab lands on the skip link, which moves focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // Tab through to the path field; type and submit with Enter.
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if (await page.getByTestId('workbook-path').evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)) break;
  }
  await expect(page.getByTestId('workbook-path')).toBeFocused();
  await page.keyboard.type(workbook);
  await page.keyboard.press('Enter');
  await new ValidatePage(page).expectImported();
  await page.getByTestId('step-next').focus();
  await page.keyboard.press('Enter');
  await new WizardNav(page).expectCurrent('connect');
});
