import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

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

/**
 * The dev server's React refresh preamble is an inline script, which the
 * page's CSP forbids; allow inline scripts in development only.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'rackpilot:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), relaxCspForDevServer(), buildWebBridge()],
  build: {
    outDir: '../dist-renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
