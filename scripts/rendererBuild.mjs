// Builds the renderer (dist-renderer/) when it is missing or older than its
// sources; used by `npm start` and `rackpilot serve`, so a fresh install
// serves the UI without a separate build command.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererSources = ['renderer', 'shared', 'electron/host/bridge'];

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The renderer bundle is missing or older than a source it is built from. */
export function isRendererStale(base = root) {
  const index = join(base, 'dist-renderer', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return rendererSources.some((dir) => newestMtime(join(base, dir)) > built);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return cause.code === 'EPERM';
  }
}

/** One build at a time per checkout (parallel test hosts start together); a lock left by a dead process is taken over. */
async function withBuildLock(base, work) {
  const lock = join(base, 'dist-renderer.lock');
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (cause) {
      if (cause.code !== 'EEXIST') throw cause;
      const holder = Number(readFileSync(lock, 'utf8')) || 0;
      if (holder && !isAlive(holder)) unlinkSync(lock);
      else await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    return work();
  } finally {
    unlinkSync(lock);
  }
}

/**
 * Builds the UI if it is stale; the build's output goes to stderr so a
 * caller's stdout stays machine-readable. Returns false when it could not
 * be built (vite not installed, a failed build), having said why.
 */
export async function ensureRendererBuilt(base = root) {
  if (!isRendererStale(base)) return true;
  let vite;
  try {
    // vite's exports do not include its bin; its package.json is, and names it.
    const manifest = createRequire(join(base, 'package.json')).resolve('vite/package.json');
    vite = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vite);
  } catch {
    console.error('The UI is not built and vite is not installed here (npm install without --omit=dev installs it).');
    return false;
  }
  return withBuildLock(base, () => {
    // Someone else may have built it while we waited for the lock.
    if (!isRendererStale(base)) return true;
    console.error('Building the UI (dist-renderer/)…');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', join(base, 'renderer/vite.config.ts'), '--logLevel', 'warn'], {
      cwd: base,
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) console.error('Building the UI failed; see above.');
    return result.status === 0;
  });
}
