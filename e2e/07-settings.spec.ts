import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { expect, test } from './webhost.fixture';

test('language, theme and the concurrency default are set on the settings screen and kept by the engine', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByTestId('data-dir')).not.toHaveText('–');

  await settings.setLanguage('zh');
  await expect(page.getByTestId('nav-history')).toHaveText('历史');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await settings.setTheme('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settings.setConcurrency(7);
  await shot('settings-zh-dark');

  // A new browser profile (the web host's address changes with every launch) gets them from the engine.
  const fresh = await page.context().browser()!.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const other = await fresh.newPage();
    await other.goto(webHost.url);
    await expect(other.getByTestId('nav-history')).toHaveText('历史');
    await expect(other.locator('html')).toHaveAttribute('data-theme', 'dark');
    await other.getByTestId('nav-settings').click();
    await expect(other.getByTestId('concurrency-default')).toHaveValue('7');
  } finally {
    await fresh.close();
  }

  await settings.setLanguage('es');
  await page.getByTestId('nav-wizard').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  await expect(page.getByTestId('choose-workbook')).toHaveText('Elegir un libro…');
  await page.getByTestId('nav-settings').click();
  await settings.setTheme('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await shot('settings-es-light');
});

test('the demo form is keyboard operable and names what is wrong', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  await page.getByTestId('demo-panel').locator('summary').focus();
  await page.keyboard.press('Enter');
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
  await expect(page).toHaveURL(/#\/deploy\//);
});

test('a trusted certificate is listed with its fingerprint, can be revoked, and the trust history shows both', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  // Pinned the way the connect step does it; the list must show what the engine holds.
  const fingerprint = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, '0').toUpperCase()).join(':');
  const reply = await page.evaluate(
    (print) => (globalThis as unknown as { rackpilot: { invoke(channel: string, request: unknown): Promise<{ ok: boolean }> } }).rackpilot.invoke('trust:accept', { kind: 'tls', host: 'pve.example', port: 8006, fingerprint: print, subject: 'CN=pve.example' }),
    fingerprint,
  );
  expect(reply.ok).toBe(true);
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(settings.pin('pve.example', 8006)).toHaveAttribute('data-fingerprint', fingerprint);
  await expect(settings.trustEvent('pinned', 'pve.example', 8006).getByTestId('trust-event-fingerprint')).toHaveAttribute('title', fingerprint);
  await expect(settings.trustEvent('revoked', 'pve.example', 8006)).toHaveCount(0);

  // Going back from the question keeps the pin.
  await settings.pin('pve.example', 8006).getByTestId('trust-revoke').click();
  await page.keyboard.press('Escape');
  await expect(settings.pin('pve.example', 8006)).toHaveCount(1);

  await settings.revoke('pve.example', 8006);
  const revoked = settings.trustEvent('revoked', 'pve.example', 8006);
  await expect(revoked).toContainText('Revoked');
  await expect(revoked).toContainText('TLS certificate');
  await expect(revoked.getByTestId('trust-event-fingerprint')).toHaveAttribute('title', fingerprint);
  await shot('trust-history');
  await page.reload();
  await expect(page.getByTestId('trusted-fingerprints')).toBeVisible();
  await expect(settings.pin('pve.example', 8006)).toHaveCount(0);
  await expect(settings.trustEvent('revoked', 'pve.example', 8006)).toHaveCount(1);
  // The history scrolls on its own: the keyboard reaches it next after the list above.
  await page.getByTestId('trusted-fingerprints').getByRole('button', { name: 'Refresh' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('trust-history').getByRole('region', { name: 'Trust history' })).toBeFocused();
});

test('remembered passwords say plainly that the web host keeps them in memory only', async ({ page, webHost, shot }) => {
  const start = new StartPage(page);
  await start.open(webHost.url);
  const settings = new SettingsPage(page);
  await settings.open();
  const passwords = page.getByTestId('remembered-passwords');
  await expect(passwords.getByRole('heading', { name: 'Remembered passwords' })).toBeVisible();
  await expect(passwords.getByTestId('passwords-memory-only')).toHaveText('This host keeps passwords in memory only until it closes; it has no OS keyring.');
  await expect(passwords.getByTestId('remembered-password')).toHaveCount(0);
  await expect(page.getByTestId('trust-history').getByRole('heading', { name: 'Trust history' })).toBeVisible();

  await settings.setLanguage('zh');
  await expect(passwords.getByTestId('passwords-memory-only')).toHaveText('此主机仅在内存中保存密码，直到关闭为止；它没有操作系统密钥环。');
  await shot('settings-passwords-zh');
});
