#!/usr/bin/env node
// `npm start`: builds the renderer when it is stale (scripts/rendererBuild.mjs), then runs the desktop app
// if an Electron binary is installed, or else the web host (which prints its URL).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt, isRendererStale } from './rendererBuild.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export { isRendererStale };

/**
 * The Electron executable, or null. Deliberately not `require('electron')`:
 * when the binary is missing that call tries to download it, which offline
 * means a long hang and a stack trace. The same lookup, without the download.
 */
export function findElectron(base = root, env = process.env) {
  if (env.ELECTRON_PATH) return existsSync(env.ELECTRON_PATH) ? env.ELECTRON_PATH : null;
  const pkg = join(base, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const candidate = join(dist, relative || 'electron');
  return existsSync(candidate) ? candidate : null;
}

function runNpm(script) {
  // npm_execpath is npm's own CLI when started through npm; spawning it with node avoids .cmd shims on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`npm run ${script} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** Runs the child in the foreground: signals go to it, its exit code becomes ours. */
function runForeground(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => forward(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!(await ensureRendererBuilt())) process.exit(1);
  const electron = findElectron();
  if (electron) {
    runNpm('build:electron');
    runForeground(electron, [root, ...process.argv.slice(2)]);
  } else {
    console.log('Electron is not installed here (no binary under node_modules/electron/dist, ELECTRON_PATH unset); starting the web host instead.');
    runForeground(process.execPath, [join(root, 'bin', 'rackpilot.mjs'), 'serve', ...process.argv.slice(2)]);
  }
}
