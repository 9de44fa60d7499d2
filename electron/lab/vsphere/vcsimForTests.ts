import { findVcsimBinary } from './binary';

/**
 * The vcsim-lab binary for a test file, or null: the file's vCenter tests
 * skip, with a warning. CI builds vcsim-lab and sets RACKPILOT_REQUIRE_VCSIM
 * (.ci/run): there a missing binary fails instead of skipping.
 */
export function vcsimForTests(): string | null {
  const found = findVcsimBinary({});
  if (found.path) return found.path;
  if (process.env.RACKPILOT_REQUIRE_VCSIM) throw new Error('vcsim-lab is not built, and RACKPILOT_REQUIRE_VCSIM says it must be: run `npm run build:vcsim` first.');
  console.warn('SKIPPED: the vCenter tests need vcsim-lab; run `npm run build:vcsim` (golang-go and golang-github-vmware-govmomi-dev).');
  return null;
}
