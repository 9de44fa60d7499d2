import { expect, type Locator, type Page } from '@playwright/test';

/** Step 3: the endpoint checks, certificates to trust. */
export class ConnectPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('connect-screen');
  }

  get summary(): Locator {
    return this.page.getByTestId('preflight-summary');
  }

  endpoint(name: string): Locator {
    return this.page.locator(`[data-testid="endpoint"][data-endpoint="${name}"]`);
  }

  check(endpoint: string, id: string): Locator {
    return this.endpoint(endpoint).locator(`[data-testid="check"][data-check="${id}"]`);
  }

  certificate(endpoint: string): Locator {
    return this.endpoint(endpoint).getByTestId('certificate');
  }

  async expectChecked(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  }

  async expectCheck(endpoint: string, id: string, status: string): Promise<void> {
    await expect(this.check(endpoint, id)).toHaveAttribute('data-status', status);
  }

  async useTarget(target: 'real' | 'lab'): Promise<void> {
    await this.page.getByTestId(`target-${target}`).check();
  }

  async trust(endpoint: string): Promise<void> {
    await this.certificate(endpoint).getByTestId('cert-trust').click();
  }

  async reject(endpoint: string): Promise<void> {
    await this.certificate(endpoint).getByTestId('cert-reject').click();
  }

  async checkAgain(endpoint: string): Promise<void> {
    await this.endpoint(endpoint).getByTestId('check-endpoint').click();
  }
}
