#!/usr/bin/env node
// Bundles the Electron main process and preload into dist-electron/*.cjs.
// Native modules stay external (they are loaded from node_modules, unpacked
// from the asar archive); everything else is bundled. The preload is fully
// self-contained: a sandboxed preload may require 'electron' and nothing else.
import { build } from 'esbuild';
import { copyFile, cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Packages with compiled addons (or optional addons required at run time). */
export const nativeExternals = ['electron', 'better-sqlite3', 'ssh2', 'cpu-features', 'bufferutil', 'utf-8-validate'];

// import.meta is ESM-only; in a CommonJS bundle it would be an empty object, so
// the engine's `new URL(..., import.meta.url)` is fed from __filename instead.
const importMetaShim = {
  banner: { js: "const __rackpilotImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: {
    'import.meta.url': '__rackpilotImportMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};

export function bundleOptions({ base = root, outDir = join(base, 'dist-electron'), production = true } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
  return {
    main: {
      ...common,
      entryPoints: [join(base, 'electron/main/index.ts')],
      outfile: join(outDir, 'main.cjs'),
      external: nativeExternals,
      banner: importMetaShim.banner,
      define: { ...common.define, ...importMetaShim.define },
    },
    preload: {
      ...common,
      entryPoints: [join(base, 'electron/preload/index.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: ['electron'],
      // It carries the contract's schemas (zod) and is parsed on every page load.
      minify: true,
      // The sandbox has no node:url to shim import.meta with: using it is a build error.
      logOverride: { 'empty-import-meta': 'error' },
    },
  };
}

export async function buildElectron(options = {}) {
  const { main, preload } = bundleOptions(options);
  const outDir = dirname(main.outfile);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const results = await Promise.all([build(main), build(preload)]);
  // The workbook parser runs in a worker thread started from its own file (and the
  // modules it imports), next to main.cjs: parseInWorker resolves './parseWorker.mjs'
  // against the bundle's URL.
  const workbookDir = join(options.base ?? root, 'electron/engine/plan/workbook');
  await copyFile(join(workbookDir, 'parseWorker.mjs'), join(outDir, 'parseWorker.mjs'));
  await cp(join(workbookDir, 'xlsxReader'), join(outDir, 'xlsxReader'), { recursive: true });
  return results.map((result, index) => {
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
    const [file, output] = outputs[0];
    return { name: index === 0 ? 'main' : 'preload', file, bytes: output.bytes, imports: output.imports.map((entry) => entry.path) };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const outputs = await buildElectron({ production: process.env.NODE_ENV !== 'development' });
    for (const output of outputs) {
      console.log(`${relative(root, resolve(root, output.file))}  ${(output.bytes / 1024).toFixed(0)} KiB`);
    }
    console.log(`Electron bundles built in ${Date.now() - started} ms.`);
  } catch (cause) {
    // esbuild has already printed the located errors.
    if (!cause?.errors) console.error(cause);
    process.exit(1);
  }
}
