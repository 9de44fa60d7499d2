import { expect, type Locator, type Page } from '@playwright/test';

export interface DemoOptions {
  targets?: number;
  stepMs?: number;
  logLinesPerStep?: number;
  concurrency?: number;
  failStep?: string;
  failMode?: 'once' | 'always';
}

/** Step 1: open a workbook (upload, path, recent, template, sample), resume runs, demo runs. */
export class StartPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('start-screen');
  }

  get demoForm(): Locator {
    return this.page.getByTestId('demo-form');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.screen).toBeVisible();
  }

  /** Sends a file from this computer through the browser's file chooser (the web host's way in). */
  async uploadWorkbook(path: string): Promise<void> {
    await this.page.getByTestId('workbook-file').setInputFiles(path);
    await expect(this.page.getByTestId('validate-screen')).toBeVisible();
  }

  async openPath(path: string): Promise<void> {
    await this.page.getByTestId('workbook-path').fill(path);
    await this.page.getByTestId('open-path').click();
    await expect(this.page.getByTestId('validate-screen')).toBeVisible();
  }

  recentFile(path: string): Locator {
    return this.page.locator(`[data-testid="recent-file"][data-path="${path}"]`);
  }

  async createTemplate(path: string, language: 'en' | 'zh' | 'es' = 'en'): Promise<string> {
    await this.page.getByTestId('template-lang').selectOption(language);
    await this.page.getByTestId('template-path').fill(path);
    await this.page.getByTestId('template-create').click();
    const written = this.page.getByTestId('template-written');
    await expect(written).toBeVisible();
    return (await written.locator('.path').textContent()) ?? '';
  }

  get sample(): Locator {
    return this.page.getByTestId('sample-plan');
  }

  async rehearseSample(): Promise<string> {
    await this.page.getByTestId('sample-rehearse').click();
    await expect(this.page).toHaveURL(/#\/deploy\/.+/);
    return decodeURIComponent(new URL(this.page.url()).hash.replace('#/deploy/', ''));
  }

  /** Fills the demo form (folded away under the workbook ways in), starts the run and returns its id once the run screen shows it. */
  async startDemo(options: DemoOptions = {}): Promise<string> {
    const panel = this.page.getByTestId('demo-panel');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    await expect(this.demoForm).toBeVisible();
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
    await expect(this.page).toHaveURL(/#\/deploy\/.+/);
    const runId = decodeURIComponent(new URL(this.page.url()).hash.replace('#/deploy/', ''));
    await expect(this.page.getByTestId('run-screen')).toHaveAttribute('data-status', 'ready');
    return runId;
  }
}
