import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page, type TestInfo } from '@playwright/test';
import { HostProcess, type WebHost } from './support/host';
import { startLabProcess, type LabProcess } from './support/lab';
import { root } from './support/workbooks';

export type { WebHost };

export interface Fixtures {
  webHost: WebHost;
  shot: (name: string) => Promise<void>;
  /** A temporary folder for workbooks and exports, removed after the test. */
  workdir: string;
  /** A Proxmox lab in its own process, the "real" cluster a workbook can point at. */
  lab: LabProcess;
}

export const test = base.extend<Fixtures>({
  webHost: async ({}, use) => {
    if (!existsSync(join(root, 'dist-renderer/index.html')) || !existsSync(join(root, 'dist-renderer/bridge.js'))) {
      throw new Error('dist-renderer/ is incomplete: run `npm run build:renderer` first.');
    }
    const home = await mkdtemp(join(tmpdir(), 'rackpilot-e2e-'));
    const host = new HostProcess(home);
    try {
      await host.start();
      await use(host);
    } finally {
      await host.stop();
      await rm(home, { recursive: true, force: true });
    }
  },
  workdir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'rackpilot-e2e-work-'));
    try {
      await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
  lab: async ({}, use) => {
    const lab = await startLabProcess();
    try {
      await use(lab);
    } finally {
      await lab.stop();
    }
  },
  /** Saves a full-page screenshot of the current screen to e2e/artifacts/screens/<spec>--<test>--NN-name.png. */
  shot: async ({ page }, use, testInfo) => {
    let count = 0;
    await use(async (name) => {
      count++;
      await page.screenshot({ path: screenshotPath(testInfo, count, name), fullPage: true });
    });
  },
});

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function screenshotPath(testInfo: TestInfo, count: number, name: string): string {
  const spec = slug(testInfo.file.split(/[\\/]/).pop()!.replace(/\.spec\.ts$/, ''));
  return join(root, 'e2e/artifacts/screens', `${spec}--${slug(testInfo.title)}--${String(count).padStart(2, '0')}-${slug(name)}.png`);
}

export { expect } from '@playwright/test';
export type { Page };
