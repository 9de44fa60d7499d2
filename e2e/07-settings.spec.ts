import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('language and theme switch from the header menu and are remembered', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);

  await page.getByText('Settings').click();
  await page.getByTestId('language-select').selectOption('zh');
  await expect(page.getByTestId('nav-history')).toHaveText('历史');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await page.getByTestId('theme-select').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot('zh-dark');

  await page.reload();
  await expect(page.getByTestId('nav-history')).toHaveText('历史');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByText('设置').click();
  await page.getByTestId('language-select').selectOption('es');
  await expect(page.getByTestId('start-demo')).toHaveText('Iniciar demostración');
  await page.getByTestId('theme-select').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('language-select')).toBeHidden();
  await shot('es-light');
});

test('the start form is keyboard operable and names what is wrong', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const targets = page.getByLabel('Targets');
  await targets.fill('0');
  await targets.press('Enter');
  await expect(targets).toHaveAttribute('aria-invalid', 'true');
  await expect(targets).toBeFocused();
  await expect(page.getByText('Targets must be a whole number from 1 to 500.')).toBeVisible();
  await shot('invalid-form');

  await targets.fill('1');
  await page.getByLabel('Step duration (ms)').fill('200');
  await page.getByTestId('start-demo').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/run\//);
});
