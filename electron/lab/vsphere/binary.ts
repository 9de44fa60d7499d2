import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the vCenter simulator's binary may be, in the order it is looked for. */
export interface VcsimLocation {
  /** `process.resourcesPath` of a packaged app (electron-builder's extraResources put it under `vcsim/`), passed in by the host. */
  resourcesPath?: string;
  /** Overrides the search (the `RACKPILOT_VCSIM` environment variable when not given). */
  binary?: string;
}

export const vcsimBinaryName = process.platform === 'win32' ? 'vcsim-lab.exe' : 'vcsim-lab';

export const vcsimMissingMessage =
  'vCenter rehearsal needs the vcsim-lab binary (VMware\'s vCenter simulator), and this build has none: run `npm run build:vcsim` (it needs Debian\'s golang-go and golang-github-vmware-govmomi-dev), or set RACKPILOT_VCSIM to a built vcsim-lab.';

/** The path of a usable vcsim-lab, or null with the places looked at. */
export function findVcsimBinary(location: VcsimLocation = {}): { path: string } | { path: null; looked: string[] } {
  const explicit = location.binary ?? process.env.RACKPILOT_VCSIM;
  const candidates = explicit ? [explicit] : [...(location.resourcesPath ? [join(location.resourcesPath, 'vcsim', vcsimBinaryName)] : []), ...projectBuildPaths()];
  const found = candidates.find((candidate) => existsSync(candidate));
  return found ? { path: found } : { path: null, looked: candidates };
}

/** `build/vcsim/vcsim-lab` of the project this code runs from (sources, the CLI bundle under dist-cli/, or dist-electron/). */
function projectBuildPaths(): string[] {
  const paths: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1, dir = dirname(dir)) paths.push(join(dir, 'build', 'vcsim', vcsimBinaryName));
  return [...new Set(paths)];
}
