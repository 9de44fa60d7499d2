import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import { cspDirectives, devServerCspDirectives, withCspMeta } from '../shared/csp';

// No node: imports here: scripts/checkBoundaries.mjs holds everything under renderer/ to the renderer's rules.
const here = import.meta.dirname;

/**
 * The web bridge is a separate classic script (electron/host/bridge) that
 * lands in the same folder; building it right after the renderer keeps one
 * command for both, and its own config keeps it out of the renderer bundle.
 */
function buildWebBridge(): Plugin {
  return {
    name: 'rackpilot:build-web-bridge',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: `${here}/../electron/host/bridge/vite.config.ts`, logLevel: 'warn' });
    },
  };
}

/** The page's CSP <meta>, from the single source in shared/csp.ts (the hosts send the same policy as a header). */
function injectCsp(mode: 'build' | 'serve'): Plugin {
  const directives = mode === 'build' ? cspDirectives : devServerCspDirectives;
  return { name: `rackpilot:csp-${mode}`, apply: mode, transformIndexHtml: (html) => withCspMeta(html, directives) };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), injectCsp('build'), injectCsp('serve'), buildWebBridge()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
