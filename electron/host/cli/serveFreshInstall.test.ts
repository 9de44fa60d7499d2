import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from './paths';

const copy = mkdtempSync(join(tmpdir(), 'rp-fresh-'));
const home = mkdtempSync(join(tmpdir(), 'rp-fresh-home-'));
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** The checkout as `npm ci` leaves it: sources and node_modules, no dist-* folder of any build. */
function freshCheckout(): void {
  for (const entry of ['bin', 'scripts', 'electron', 'shared', 'renderer', 'package.json', 'tsconfig.json', 'tsconfig.base.json']) {
    cpSync(join(projectRoot, entry), join(copy, entry), { recursive: true, filter: (source) => !/[\\/](dist-[^\\/]*|node_modules)$/.test(source) });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
}

describe('rackpilot serve on a fresh install', () => {
  it('serves the UI without any build command run first', async () => {
    freshCheckout();
    expect(existsSync(join(copy, 'dist-renderer'))).toBe(false);
    const host = spawn(process.execPath, [join(copy, 'bin/rackpilot.mjs'), 'serve', '--port', '0'], {
      env: { ...process.env, RACKPILOT_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => host.once('exit', resolve));
    try {
      const lines = createInterface({ input: host.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => line.startsWith('http://127.0.0.1:') && resolve(line));
        host.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
    } finally {
      host.kill('SIGTERM');
      await exited;
    }
  }, 180_000);
});
