import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/*
 * The web host's `window.rackpilot`, built as one classic script that the
 * page loads before the renderer. It writes into the renderer's output, so
 * it runs after the renderer build and must not empty that folder.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: resolve(here, '../../../dist-renderer'),
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    lib: {
      entry: resolve(here, 'bridgeEntry.ts'),
      formats: ['iife'],
      name: 'rackpilotBridge',
      fileName: () => 'bridge.js',
    },
  },
});
