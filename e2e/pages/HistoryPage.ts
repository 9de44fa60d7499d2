import { expect, type Locator, type Page } from '@playwright/test';

/** Past runs, outside the wizard. */
export class HistoryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-history').click();
    await expect(this.page.getByTestId('history-screen')).toBeVisible();
  }

  row(runId: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-run-id="${runId}"]`);
  }

  async openRun(runId: string): Promise<void> {
    await this.row(runId).getByTestId('history-open').click();
  }

  async openReport(runId: string): Promise<void> {
    await this.row(runId).getByTestId('history-report').click();
  }
}
