import type { Page } from '@playwright/test';
import { DeployPage } from './pages/DeployPage';
import { ReviewPage } from './pages/ReviewPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { ValidatePage } from './pages/ValidatePage';
import { WizardNav } from './pages/WizardNav';
import { copySample } from './support/workbooks';
import { untranslatedOnPage } from './support/untranslated';
import { join } from 'node:path';
import { expect, test } from './webhost.fixture';

/** Every main screen, from Settings to History through a lab rehearsal, with no English catalogue text left on it. */
async function walkScreens(page: Page, language: 'zh' | 'es', workbook: string, url: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    const leftovers = await untranslatedOnPage(page, language);
    if (leftovers.length > 0) found[screen] = leftovers;
  };
  const start = new StartPage(page);
  await start.open(url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setLanguage(language);
  await check('settings');
  await page.getByTestId('nav-wizard').click();
  await check('start');

  await start.openPath(workbook);
  await new ValidatePage(page).expectImported();
  await check('validate');

  const nav = new WizardNav(page);
  await nav.go('connect');
  await page.getByTestId('target-lab').check();
  await expect(page.getByTestId('connect-screen')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await check('connect');

  await nav.go('review');
  const review = new ReviewPage(page);
  await review.expectReady();
  await check('review');

  await review.rehearse();
  const deploy = new DeployPage(page);
  await deploy.expectRunState('succeeded', 90_000);
  await check('deploy');

  await deploy.openReport();
  await expect(page.getByTestId('exports')).toBeVisible();
  await check('report');

  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-screen')).toBeVisible();
  await check('history');
  return found;
}

for (const language of ['zh', 'es'] as const) {
  test(`in ${language}, no screen shows an English catalogue message: step titles, run names and findings included`, async ({ page, webHost, workdir }) => {
    test.setTimeout(240_000);
    const workbook = await copySample(workdir, `${language}.xlsx`);
    expect(await walkScreens(page, language, workbook, webHost.url)).toEqual({});
  });
}

test('an empty template is an error at Validate that says there is nothing to deploy, and the plan is not called ready', async ({ page, webHost, workdir }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const target = join(workdir, 'empty.xlsx');
  await start.createTemplate(target, 'en');
  await page.getByTestId('template-open').click();
  const validate = new ValidatePage(page);
  await validate.expectImported();
  await validate.expectErrors(1);
  await expect(page.locator('[data-testid="finding-row"][data-code="plan.nothing_to_deploy"]')).toContainText('There is nothing to deploy in empty.xlsx');
  await expect(page.getByTestId('plan-ok')).toHaveCount(0);
  await expect(page.getByTestId('finding-counts')).not.toContainText('1 sheets');
});
