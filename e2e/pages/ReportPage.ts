import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type ExportKind = 'results' | 'logs' | 'report';

/** Step 6: the summary and the files a run leaves. */
export class ReportPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('report-screen');
  }

  get figures(): Locator {
    return this.page.getByTestId('report-figures');
  }

  async expectReady(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-status', 'ready');
  }

  /** Writes one of the files in the browser, which downloads it; returns the download. */
  async download(kind: ExportKind): Promise<Download> {
    const download = this.page.waitForEvent('download', { timeout: 60_000 });
    await this.page.getByTestId(`export-${kind}-button`).click();
    const downloaded = await download;
    await expect(this.page.getByTestId(`export-${kind}`)).toHaveAttribute('data-status', 'done');
    return downloaded;
  }

  /** Writes one of the files and returns the path the engine reports. */
  async export(kind: ExportKind): Promise<string> {
    const item = this.page.getByTestId(`export-${kind}`);
    await this.page.getByTestId(`export-${kind}-button`).click();
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    return (await item.getByTestId('export-path').textContent()) ?? '';
  }
}
