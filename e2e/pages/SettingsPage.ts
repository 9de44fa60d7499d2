import { expect, type Locator, type Page } from '@playwright/test';

/** Language, theme, concurrency default, data folder, trusted fingerprints and their history, remembered passwords. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('settings-screen');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await expect(this.screen).toBeVisible();
  }

  async setLanguage(language: 'en' | 'zh' | 'es'): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(language);
  }

  async setTheme(theme: 'system' | 'light' | 'dark'): Promise<void> {
    await this.page.getByTestId('theme-select').selectOption(theme);
  }

  async setConcurrency(value: number): Promise<void> {
    const field = this.page.getByTestId('concurrency-default');
    await field.fill(String(value));
    await field.press('Enter');
  }

  pin(host: string, port: number): Locator {
    return this.page.locator(`[data-testid="trust-pin"][data-host="${host}"][data-port="${port}"]`);
  }

  /** A row of the trust history: `action` is 'pinned', 'revoked' or 'replaced'. */
  trustEvent(action: string, host: string, port: number): Locator {
    return this.page.locator(`[data-testid="trust-event"][data-action="${action}"][data-host="${host}"][data-port="${port}"]`);
  }

  /** Revokes through the confirmation; `confirmLabel` is the button's name in the current language. */
  async revoke(host: string, port: number, confirmLabel = 'Revoke'): Promise<void> {
    await this.pin(host, port).getByTestId('trust-revoke').click();
    const dialog = this.page.getByTestId('confirm-revoke');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
    await expect(this.pin(host, port)).toHaveCount(0);
  }
}
