import { expect, type Locator, type Page } from '@playwright/test';

export type StepId = 'start' | 'validate' | 'connect' | 'review' | 'deploy' | 'report';

/** The step list above every wizard screen: which step is current, which can be entered. */
export class WizardNav {
  constructor(readonly page: Page) {}

  step(id: StepId): Locator {
    return this.page.getByTestId(`wizard-step-${id}`);
  }

  async expectCurrent(id: StepId): Promise<void> {
    await expect(this.step(id)).toHaveAttribute('data-state', 'current');
  }

  async expectOpen(id: StepId): Promise<void> {
    await expect(this.step(id)).toHaveAttribute('data-state', 'open');
  }

  async expectBlocked(id: StepId): Promise<void> {
    await expect(this.step(id)).toHaveAttribute('data-state', 'blocked');
  }

  async go(id: StepId): Promise<void> {
    await this.step(id).getByRole('link').click();
    await this.expectCurrent(id);
  }

  /** "Continue to …" at the end of a step. */
  async next(): Promise<void> {
    await this.page.getByTestId('step-next').click();
  }
}
