import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder with package.json above this file: electron/host/cli/ when run from source, dist-cli/<stamp>/ when bundled. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../../..');
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * The same folder the desktop app uses (Electron's userData for "Rackpilot"),
 * so runs started from the CLI show up in the app and the other way round.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RACKPILOT_HOME) return resolve(env.RACKPILOT_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Rackpilot');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Rackpilot');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Rackpilot');
}

export function appVersion(): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export const rendererDir = join(projectRoot, 'dist-renderer');
export const samplePlanDir = join(projectRoot, 'assets', 'sample-plan');
