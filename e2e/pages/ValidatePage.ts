import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Step 2: the findings of the open workbook. */
export class ValidatePage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('validate-screen');
  }

  get counts(): Locator {
    return this.page.getByTestId('finding-counts');
  }

  get changedBanner(): Locator {
    return this.page.getByTestId('changed-banner');
  }

  get rows(): Locator {
    return this.page.getByTestId('finding-row');
  }

  /** The finding at `Sheet!Cell` (language-independent: read from data attributes). */
  finding(place: string): Locator {
    return this.page.locator(`[data-testid="finding-row"][data-cell="${place}"]`);
  }

  async expectImported(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-status', 'imported');
  }

  async expectErrors(count: number): Promise<void> {
    await expect(this.counts).toHaveAttribute('data-errors', String(count));
  }

  async reloadFromBanner(): Promise<void> {
    await this.page.getByTestId('changed-reload').click();
    await expect(this.changedBanner).toBeHidden();
    await this.expectImported();
  }

  async filterText(text: string): Promise<void> {
    await this.page.getByTestId('filter-text').fill(text);
  }

  async showSeverity(severity: 'error' | 'warning' | 'info', shown: boolean): Promise<void> {
    await this.page.getByTestId(`filter-${severity}`).setChecked(shown);
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('export-csv').click();
    return download;
  }
}
