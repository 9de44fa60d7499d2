import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no type declarations
import { findViolations } from './checkBoundaries.mjs';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A scratch repository: the compiler settings of ours, a package subpath alias, and the given files. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rp-layers-'));
  roots.push(root);
  const base: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowJs: true, strict: true }, include: ['shared', 'electron', 'renderer'] }),
    'package.json': JSON.stringify({ name: 'scratch', type: 'module', imports: { '#engine/*': './electron/engine/*' } }),
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const violationsOf = (files: Record<string, string>): Promise<string[]> => findViolations(tree(files));

describe('layer check', () => {
  it('accepts imports that follow the architecture', async () => {
    expect(
      await violationsOf({
        'shared/contract/api.ts': "import { z } from 'zod';\nexport const a = 1;",
        'shared/errors.ts': 'export const e = 1;',
        'electron/engine/runner/b.ts': "import { a } from '../../../shared/contract/api';\nimport { readFile } from 'node:fs';\nexport const b = 1;",
        'electron/engine/providers/types.ts': 'export type P = 1;',
        'electron/engine/providers/registry.ts': "import { p } from './pve/provider';\nexport const r = [p];",
        'electron/engine/providers/pve/provider.ts': "import type { P } from '../types';\nimport { b } from '../../runner/b';\nexport const p = b;",
        'electron/engine/service/s.ts': "import { r } from '../providers/registry';\nconst w = new URL('./worker.mjs', import.meta.url);\nexport const s = [r, w];",
        'electron/engine/service/worker.mjs': "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const z = load('zod');",
        'electron/hostShared/lab/c.ts': "import { s } from '../../engine/service/s';\nimport { l } from '../../lab/l';\nexport const c = [s, l];",
        'electron/main/m.ts': "import { app } from 'electron';\nimport { c } from '../hostShared/lab/c';",
        'electron/host/cli/h.ts': "import { c } from '../../hostShared/lab/c';\nimport { l } from '../../lab/l';",
        'electron/preload/p.ts': "import { contextBridge } from 'electron';\nimport { a } from '../../shared/contract/api';\nimport { e } from '../../shared/errors';",
        'renderer/src/d.tsx': "import { a } from '../../shared/contract/api';",
        'electron/lab/l.ts': "import { createServer } from 'node:http';\nexport const l = createServer;",
      }),
    ).toEqual([]);
  });

  it.each([
    // The five the issue names.
    ['a dynamic import of the engine from the renderer', 'renderer/src/x.ts', "export const load = () => import('../../electron/engine/runner');", 'renderer-only-shared'],
    ['a require of electron in the engine', 'electron/engine/x.cjs', "const e = require('electron');", 'engine-no-electron'],
    ['fs/promises in shared', 'shared/x.ts', "import { readFile } from 'fs/promises';", 'shared-no-node'],
    ['a provider importing another provider', 'electron/engine/providers/vsphere/x.ts', "import { p } from '../proxmox/client';", 'provider-not-another-provider'],
    ['the preload importing the engine', 'electron/preload/x.ts', "import { r } from '../engine/runner';", 'preload-only-contract'],
    // The rest of the map.
    ['the engine importing the shell', 'electron/engine/x.ts', "import { w } from '../main/window';", 'engine-no-shell'],
    ['the engine importing the lab', 'electron/engine/x.ts', "export { startLab } from '../lab';", 'engine-no-shell'],
    ['the engine naming a provider outside the registry', 'electron/engine/service/x.ts', "import { c } from '../providers/proxmox/client';", 'engine-asks-the-registry'],
    ['the renderer using node', 'renderer/src/x.ts', "import { readFile } from 'node:fs';", 'page-no-core'],
    ['the renderer importing a Node-only package', 'renderer/src/x.ts', "import Database from 'better-sqlite3';", 'page-no-node-packages'],
    ['a type-only import of the engine in the renderer', 'renderer/src/x.ts', "import type { R } from '../../electron/engine/runner';", 'renderer-only-shared'],
    ['a package subpath import of the engine in the renderer', 'renderer/src/x.ts', "import { r } from '#engine/runner';", 'renderer-only-shared'],
    ['the lab importing the engine', 'electron/lab/proxmox/x.ts', "const r = await import('../../engine/runner');", 'lab-no-engine'],
    ['shared using os without node:', 'shared/x.ts', "import { tmpdir } from 'os';", 'shared-no-node'],
    ['shared re-exporting the renderer', 'shared/x.ts', "export * from '../renderer/src/y';", 'shared-self-contained'],
    ['main importing the web host', 'electron/main/x.ts', "import { h } from '../host/web/webHost';", 'main-not-the-other-host'],
    ['main importing the lab directly', 'electron/main/x.ts', "import { startLab } from '../lab';", 'main-not-the-other-host'],
    ['the web host importing main', 'electron/host/x.ts', "import { s } from '../main/shell';", 'host-not-the-other-host'],
    ['what both hosts share importing one of them', 'electron/hostShared/x.ts', "import { a } from '../host/cli/args';", 'host-shared-serves-both'],
    ['the preload using node', 'electron/preload/x.ts', "import { join } from 'node:path';", 'preload-only-electron'],
    ['a worker of the engine started from the lab', 'electron/lab/x.ts', "import { Worker } from 'node:worker_threads';\nnew Worker(new URL('../engine/w.mjs', import.meta.url));", 'lab-no-engine'],
    ['a named createRequire of electron in the engine', 'electron/engine/x.mjs', "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nload('electron');", 'engine-no-electron'],
    ['an inline createRequire of electron in the engine', 'electron/engine/x.mjs', "import { createRequire } from 'node:module';\ncreateRequire(import.meta.url)('electron');", 'engine-no-electron'],
  ])('reports %s', async (_name, path, text, rule) => {
    const files: Record<string, string> = {
      [path]: text,
      'electron/engine/runner/index.ts': 'export const r = 1;',
      'electron/engine/providers/proxmox/client.ts': 'export const c = 1;',
      'electron/engine/w.mjs': 'export {};',
      'electron/main/window.ts': 'export const w = 1;',
      'electron/main/shell.ts': 'export const s = 1;',
      'electron/host/web/webHost.ts': 'export const h = 1;',
      'electron/host/cli/args.ts': 'export const a = 1;',
      'electron/lab/index.ts': 'export const startLab = 1;',
      'renderer/src/y.ts': 'export const y = 1;',
    };
    const violations = await violationsOf(files);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(path);
    expect(violations[0]).toContain(`[${rule}]`);
  });

  it('sees an installed package as a package, not as our folder of the same name', async () => {
    const violations = await violationsOf({
      'node_modules/electron/package.json': JSON.stringify({ name: 'electron', main: 'index.js' }),
      'node_modules/electron/index.js': 'module.exports = {};',
      'electron/engine/x.ts': "import { app } from 'electron';",
      'electron/main/y.ts': "import { app } from 'electron';",
    });
    expect(violations).toEqual([expect.stringContaining('electron/engine/x.ts: imports node_modules/electron/index.js [engine-no-electron]')]);
  });

  it('ignores imports that are only mentioned in comments and strings', async () => {
    expect(await violationsOf({ 'electron/engine/x.ts': "// never: import { app } from 'electron';\n/* import 'electron' */\nexport const hint = \"require('electron')\";" })).toEqual([]);
  });
});
