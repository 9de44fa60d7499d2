import { expect, type Locator, type Page } from '@playwright/test';

/** Step 4: the dry run and the way into a run. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('review-screen');
  }

  get totals(): Locator {
    return this.page.getByTestId('totals');
  }

  total(key: 'vms' | 'vcpu' | 'memory' | 'disk' | 'upload' | 'steps' | 'duration'): Locator {
    return this.page.getByTestId(`total-${key}`).locator('dd').first();
  }

  get placedVms(): Locator {
    return this.page.getByTestId('placement-vm');
  }

  node(endpoint: string, node: string): Locator {
    return this.page.locator(`[data-testid="placement-endpoint"][data-endpoint="${endpoint}"] [data-testid="placement-node"][data-node="${node}"]`);
  }

  get steps(): Locator {
    return this.page.getByTestId('steplist-step');
  }

  async expectReady(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  }

  async setConcurrency(value: number): Promise<void> {
    const field = this.page.getByTestId('concurrency');
    await field.fill(String(value));
    await field.press('Enter');
  }

  private runId(): string {
    return decodeURIComponent(new URL(this.page.url()).hash.replace('#/deploy/', ''));
  }

  async rehearse(): Promise<string> {
    await this.page.getByTestId('rehearse').click();
    await expect(this.page).toHaveURL(/#\/deploy\/.+/);
    return this.runId();
  }

  /** Deploys for real through the confirmation. */
  async deploy(): Promise<string> {
    await this.page.getByTestId('deploy-real').click();
    const dialog = this.page.getByTestId('confirm-deploy');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Deploy for real' }).click();
    await expect(this.page).toHaveURL(/#\/deploy\/.+/);
    return this.runId();
  }
}
