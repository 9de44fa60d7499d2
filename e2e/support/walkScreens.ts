import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { DeployPage } from '../pages/DeployPage';
import { ReviewPage } from '../pages/ReviewPage';
import { SettingsPage } from '../pages/SettingsPage';
import { StartPage } from '../pages/StartPage';
import { ValidatePage } from '../pages/ValidatePage';
import { WizardNav } from '../pages/WizardNav';
import { englishSentencesOnPage, untranslatedOnPage } from './untranslated';

export interface WalkOptions {
  language: 'zh' | 'es';
  workbook: string;
  url: string;
  /** Screens whose engine text (checks, errors, Rackpilot's log lines) is read for English sentences in Chinese. */
  sentencesOn: ReadonlySet<string>;
  /** Words the platform says that a screen shows as they are (e.g. OpenStack's service types). */
  dataNames?: readonly string[];
  /** Called on each screen once it is checked, e.g. for a screenshot. */
  onScreen?: (screen: string) => Promise<void>;
}

/**
 * Every main screen, from Settings to History through a lab rehearsal of
 * the workbook; returns, per screen, the English left on it: catalogue
 * messages in either language, and in Chinese any English sentence, which
 * is how engine text without a key shows itself.
 */
export async function walkScreens(page: Page, options: WalkOptions): Promise<Record<string, string[]>> {
  const { language } = options;
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    const leftovers = await untranslatedOnPage(page, language);
    if (options.sentencesOn.has(screen) && language === 'zh') leftovers.push(...(await englishSentencesOnPage(page, options.dataNames)).map((text) => `english: ${text}`));
    if (leftovers.length > 0) found[screen] = leftovers;
    await options.onScreen?.(screen);
  };
  const start = new StartPage(page);
  await start.open(options.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setLanguage(language);
  await check('settings');
  await page.getByTestId('nav-wizard').click();
  await check('start');

  await start.openPath(options.workbook);
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
  await deploy.expectRunState('succeeded', 120_000);
  await check('deploy');

  await deploy.openReport();
  await expect(page.getByTestId('exports')).toBeVisible();
  await check('report');

  await page.getByTestId('nav-history').click();
  await expect(page.getByTestId('history-screen')).toBeVisible();
  await check('history');
  return found;
}
