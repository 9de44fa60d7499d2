import { expect, type Locator, type Page } from '@playwright/test';

export interface DemoOptions {
  targets?: number;
  stepMs?: number;
  logLinesPerStep?: number;
  concurrency?: number;
  failStep?: string;
  failMode?: 'once' | 'always';
}

/** The start screen: the demo form and the runs to resume. */
export class StartPage {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('demo-form');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.form).toBeVisible();
  }

  /** Fills the form, starts the run and returns its id once the run screen shows it. */
  async startDemo(options: DemoOptions = {}): Promise<string> {
    const fields: [string, number | string | undefined][] = [
      ['demo-targets', options.targets],
      ['demo-stepMs', options.stepMs],
      ['demo-logLinesPerStep', options.logLinesPerStep],
      ['demo-concurrency', options.concurrency],
      ['demo-failStep', options.failStep],
    ];
    for (const [testId, value] of fields) {
      if (value !== undefined) await this.page.getByTestId(testId).fill(String(value));
    }
    if (options.failMode) await this.page.getByTestId(`demo-failMode-${options.failMode}`).check();
    await this.page.getByTestId('start-demo').click();
    await expect(this.page).toHaveURL(/#\/run\/.+/);
    const runId = decodeURIComponent(new URL(this.page.url()).hash.replace('#/run/', ''));
    await expect(this.page.getByTestId('run-screen')).toHaveAttribute('data-status', 'ready');
    return runId;
  }
}
