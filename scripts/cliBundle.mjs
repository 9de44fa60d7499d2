// The CLI and web host as one esbuild bundle (dist-cli/<stamp>/main.mjs), so a
// start loads plain JavaScript instead of compiling TypeScript through tsx.
//
// A build is named by a stamp of its sources (newest mtime and file count of
// electron/ and shared/, plus this file), so a stale build is never used and
// nothing has to be invalidated: changed sources simply name another folder.
// Builds go to a temporary folder renamed into place, so concurrent starts
// (vitest workers, Playwright hosts) never see a half-written one, and a
// running process keeps its own folder while a newer one appears.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDirs = ['electron', 'shared'];
const sourceFile = /\.(ts|mts|mjs|json)$/;
const buildsKept = 3;

function collect(dir, facts) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) collect(full, facts);
    else if (sourceFile.test(entry.name)) {
      facts.count++;
      facts.newest = Math.max(facts.newest, statSync(full).mtimeMs);
    }
  }
  return facts;
}

/** The stamp of the sources as they are now; measured by scripts/bench/startup.ts (about 10 ms warm). */
export function sourceStamp(base = root) {
  const facts = { count: 0, newest: statSync(fileURLToPath(import.meta.url)).mtimeMs };
  for (const dir of sourceDirs) collect(join(base, dir), facts);
  return createHash('sha256').update(`${facts.count}:${facts.newest}`).digest('hex').slice(0, 16);
}

export const bundleRoot = (base = root) => join(base, 'dist-cli');

/** The entry of an up-to-date bundle, or null when the sources changed since the last build. */
export function currentBundle(base = root) {
  const entry = join(bundleRoot(base), sourceStamp(base), 'main.mjs');
  return existsSync(entry) ? entry : null;
}

/** Builds the bundle for the current sources (unless there is one) and returns its entry. */
export async function buildCliBundle(base = root) {
  const stamp = sourceStamp(base);
  const target = join(bundleRoot(base), stamp);
  if (existsSync(join(target, 'main.mjs'))) return join(target, 'main.mjs');
  const { build } = await import('esbuild');
  const temporary = `${target}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(temporary, { recursive: true });
  try {
    await build({
      // The workbook parser's worker is started from its own file, next to the chunk that starts it
      // (parseInWorker resolves './parseWorker.mjs' against its own URL): one flat folder keeps them together.
      entryPoints: { main: join(base, 'electron/host/cli/main.ts'), parseWorker: join(base, 'electron/engine/plan/workbook/parseWorker.mjs') },
      outdir: temporary,
      bundle: true,
      // Each command is a dynamic import(): with splitting it is its own chunk, loaded only when run.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: '[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    });
    try {
      renameSync(temporary, target);
    } catch (cause) {
      // Another start finished the same build first: use theirs.
      if (!existsSync(join(target, 'main.mjs'))) throw cause;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  pruneOldBuilds(base, stamp);
  return join(target, 'main.mjs');
}

function pruneOldBuilds(base, keep) {
  const dir = bundleRoot(base);
  const builds = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== keep && !entry.name.includes('.tmp-'))
    .map((entry) => ({ path: join(dir, entry.name), at: statSync(join(dir, entry.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(buildsKept - 1)) rmSync(old.path, { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const entry = await buildCliBundle();
    console.log(`CLI bundle ${entry} ready in ${Date.now() - started} ms.`);
  } catch (cause) {
    // `npm install --omit=dev` has no esbuild: the CLI then runs through tsx, which is no reason to fail the install.
    if (cause?.code === 'ERR_MODULE_NOT_FOUND' && /'esbuild'/.test(cause.message)) {
      console.log('esbuild is not installed; rackpilot will run its TypeScript through tsx.');
    } else {
      if (!cause?.errors) console.error(cause);
      process.exit(1);
    }
  }
}
