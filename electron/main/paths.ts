import { join, resolve } from 'node:path';

export interface ShellPaths {
  /** The app's root: holds package.json, dist-electron/, dist-renderer/ and assets/ (an asar archive when packaged). */
  root: string;
  preload: string;
  rendererIndex: string;
  icon: string;
  /** Where the engine keeps its database and the shell its secrets. */
  dataDir: string;
  /** Set when RACKPILOT_HOME chose the data dir, so Chromium's profile (and the single-instance lock) follow it. */
  dataDirFromEnv: boolean;
  secretsFile: string;
}

/**
 * The bundle lives in `<root>/dist-electron/main.cjs`, so the root is found
 * from the bundle's own location rather than `app.getAppPath()`, which
 * points at dist-electron/ when Electron is started on the file directly.
 */
export function resolveShellPaths(
  mainDir: string,
  env: Record<string, string | undefined>,
  defaultDataDir: () => string,
): ShellPaths {
  const root = resolve(mainDir, '..');
  const fromEnv = env.RACKPILOT_HOME?.trim();
  const dataDir = fromEnv ? resolve(fromEnv) : defaultDataDir();
  return {
    root,
    preload: join(root, 'dist-electron', 'preload.cjs'),
    rendererIndex: join(root, 'dist-renderer', 'index.html'),
    icon: join(root, 'assets', 'icon.png'),
    dataDir,
    dataDirFromEnv: Boolean(fromEnv),
    secretsFile: join(dataDir, 'secrets.json'),
  };
}
