#!/usr/bin/env node
// Renders assets/icon.svg to assets/icon.png (1024 px, transparent corners) and
// assets/icon-256.png with headless Chromium; electron-builder derives the
// .ico/.icns and the Linux sizes from icon.png. Run after editing the SVG:
//   node assets/iconRender.mjs [path/to/chromium]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chromium = process.argv[2] ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');

function render(size, output) {
  const work = mkdtempSync(join(tmpdir(), 'rackpilot-icon-'));
  try {
    const page = join(work, 'icon.html');
    writeFileSync(
      page,
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `) +
        `</body></html>`,
    );
    const result = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        '--default-background-color=00000000',
        `--window-size=${size},${size}`,
        `--user-data-dir=${join(work, 'profile')}`,
        `--screenshot=${resolve(output)}`,
        pathToFileURL(page).href,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    if (result.status !== 0) throw new Error(`Chromium failed (${result.status}): ${String(result.stderr).slice(-500)}`);
    console.log(`${output}  ${size}x${size}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

render(1024, join(here, 'icon.png'));
render(256, join(here, 'icon-256.png'));
