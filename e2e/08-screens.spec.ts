import type { Page } from '@playwright/test';
import { DeployPage } from './pages/DeployPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample, setCells } from './support/workbooks';
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

test('every screen in Chinese and the dark theme: translated, and every control named', async ({ page, webHost, workdir, shot }) => {
  test.setTimeout(180_000);
  const workbook = await copySample(workdir, 'zh.xlsx');
  await setCells(workbook, [['VMs', 'J3', '10.20.0.300']]);
  const start = new StartPage(page);
  await start.open(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setLanguage('zh');
  await settings.setTheme('dark');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('settings');

  await page.getByTestId('nav-wizard').click();
  await expect(page.getByTestId('wizard-step-start')).toContainText('开始');
  await expect(page.getByTestId('choose-workbook')).toHaveText('选择工作簿…');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('start');

  await start.openPath(workbook);
  const validate = new ValidatePage(page);
  await validate.expectErrors(1);
  // Findings come back in the UI's language.
  await expect(validate.finding('VMs!J3')).toContainText('10.20.0.300');
  await expect(page.getByTestId('step-footer')).toContainText('请先修正工作簿中的错误');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('validate');

  await setCells(workbook, [['VMs', 'J3', '10.20.0.22']]);
  await validate.reloadFromBanner();
  const nav = new WizardNav(page);
  await nav.go('connect');
  await page.getByTestId('target-lab').check();
  await expect(page.getByTestId('connect-screen')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('preflight-summary')).toHaveText('所有检查均已通过。');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('connect');

  await nav.go('review');
  const review = new ReviewPage(page);
  await review.expectReady();
  await expect(page.getByTestId('rehearse')).toHaveText('在实验环境中演练');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('review');

  await review.rehearse();
  const deploy = new DeployPage(page);
  await deploy.expectRunState('succeeded', 90_000);
  expect(await unnamedControls(page)).toEqual([]);
  await shot('deploy');

  await deploy.openReport();
  await expect(page.getByTestId('exports')).toContainText('交付文件');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('report');

  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-screen')).toContainText('过往运行');
  expect(await unnamedControls(page)).toEqual([]);
  await shot('history');
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
