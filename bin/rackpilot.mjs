#!/usr/bin/env node
// Starts the CLI from its esbuild bundle (built here when the sources changed
// since the last build; see scripts/cliBundle.mjs), or through tsx where
// esbuild is not installed. `serve` first builds the UI when it is missing or stale.
import { buildCliBundle, currentBundle } from '../scripts/cliBundle.mjs';

async function loadMain() {
  let entry = currentBundle();
  if (!entry) {
    try {
      entry = await buildCliBundle();
    } catch (cause) {
      const esbuildMissing = cause?.code === 'ERR_MODULE_NOT_FOUND' && /'esbuild'/.test(cause.message);
      if (!esbuildMissing) throw cause;
      const { register } = await import('tsx/esm/api');
      register();
      return (await import('../electron/host/cli/main.ts')).main;
    }
  }
  return (await import(entry)).main;
}

const argv = process.argv.slice(2);
if (argv[0] === 'serve') {
  const { ensureRendererBuilt } = await import('../scripts/rendererBuild.mjs');
  await ensureRendererBuilt();
}
const main = await loadMain();
const code = await main(argv);
// Let stdout drain before leaving; a piped reader must see the last line.
process.stdout.write('', () => process.exit(code));
