import { expect, type Locator, type Page } from '@playwright/test';

/** Step 5, the live run screen. States are read from data-state attributes, which do not depend on the language. */
export class DeployPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('run-screen');
  }

  get runState(): Locator {
    return this.page.getByTestId('run-state');
  }

  get progressText(): Locator {
    return this.page.getByTestId('progress-text');
  }

  get logCount(): Locator {
    return this.page.getByTestId('log-count');
  }

  get logViewport(): Locator {
    return this.page.getByTestId('log-viewport');
  }

  step(stepId: string): Locator {
    return this.page.locator(`[data-testid="step-row"][data-step-id="${stepId}"]`);
  }

  async expectReady(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-status', 'ready');
  }

  async expectRunState(state: string, timeout?: number): Promise<void> {
    await expect(this.runState).toHaveAttribute('data-state', state, timeout ? { timeout } : undefined);
  }

  async expectStepState(stepId: string, state: string, timeout?: number): Promise<void> {
    await expect(this.step(stepId)).toHaveAttribute('data-state', state, timeout ? { timeout } : undefined);
  }

  /** Steps done as the progress line counts them. */
  async stepsDone(): Promise<number> {
    return Number(await this.progressText.getAttribute('data-done'));
  }

  /** Log lines held by the page (before filtering). */
  async logLines(): Promise<number> {
    return Number(await this.logCount.getAttribute('data-total'));
  }

  async shownLogLines(): Promise<number> {
    return Number(await this.logCount.getAttribute('data-shown'));
  }

  /** Every step's id and state, in table order. */
  async stepStates(): Promise<Record<string, string>> {
    const rows = await this.page.locator('[data-testid="step-row"]').evaluateAll((elements) =>
      elements.map((element) => [element.getAttribute('data-step-id') ?? '', element.getAttribute('data-state') ?? ''] as const),
    );
    return Object.fromEntries(rows);
  }

  /** Steps in each state, read from the table (language-independent). */
  async countSteps(state: string): Promise<number> {
    return this.page.locator(`[data-testid="step-row"][data-state="${state}"]`).count();
  }

  /** The link to the report shown once the run has ended. */
  async openReport(): Promise<void> {
    await this.page.getByTestId('run-report').click();
    await expect(this.page.getByTestId('report-screen')).toHaveAttribute('data-status', 'ready');
  }

  async pause(): Promise<void> {
    await this.page.getByTestId('run-pause').click();
  }

  async resume(): Promise<void> {
    await this.page.getByTestId('run-resume').click();
  }

  /** Cancels through the confirmation dialog. */
  async cancel(): Promise<void> {
    await this.page.getByTestId('run-cancel').click();
    const dialog = this.page.getByTestId('confirm-cancel');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await expect(dialog).toBeHidden();
  }

  async retry(stepId: string): Promise<void> {
    await this.step(stepId).getByTestId('step-retry').click();
  }

  async skip(stepId: string): Promise<void> {
    await this.step(stepId).getByTestId('step-skip').click();
    const dialog = this.page.getByTestId('confirm-skip');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Skip step' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Rolls back through the confirmation dialog; returns the lines it listed (what goes, and steps that only check). */
  async rollBack(): Promise<string[]> {
    await this.page.getByTestId('run-rollback').click();
    const dialog = this.page.getByTestId('confirm-rollback');
    await expect(dialog).toBeVisible();
    const removes = await dialog.getByTestId('rollback-removes').locator('li').allTextContents();
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await expect(dialog).toBeHidden();
    return removes;
  }

  get rollbackOutcome(): Locator {
    return this.page.getByTestId('rollback-outcome');
  }
}
