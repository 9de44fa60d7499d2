import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no type declarations
import { findViolations } from './checkBoundaries.mjs';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rp-layers-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('layer check', () => {
  it('accepts imports that follow the architecture', () => {
    const root = tree({
      'shared/a.ts': "import { z } from 'zod';",
      'electron/engine/b.ts': "import { a } from '../../shared/a';\nimport { readFile } from 'node:fs';",
      'electron/main/c.ts': "import { app } from 'electron';\nimport { b } from '../engine/b';",
      'renderer/src/d.tsx': "import { a } from '../../shared/a';",
      'electron/lab/e.ts': "import { createServer } from 'node:http';",
    });
    expect(findViolations(root)).toEqual([]);
  });

  it.each([
    ['the engine importing electron', 'electron/engine/x.ts', "import { app } from 'electron';"],
    ['the engine importing the shell', 'electron/engine/x.ts', "import { w } from '../main/window';"],
    ['the renderer importing the engine', 'renderer/src/x.ts', "import { r } from '../../electron/engine/runner';"],
    ['the renderer using node', 'renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['the lab importing the engine', 'electron/lab/proxmox/x.ts', "const r = await import('../../engine/runner');"],
    ['shared using node', 'shared/x.ts', "import { createHash } from 'node:crypto';"],
    ['shared importing the renderer', 'shared/x.ts', "export * from '../renderer/src/y';"],
    ['a require of electron in the engine', 'electron/engine/x.cjs.ts', "const e = require('electron');"],
  ])('reports %s', (_name, path, text) => {
    const violations = findViolations(tree({ [path]: text }));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(path);
  });

  it('ignores imports that are only mentioned in comments', () => {
    expect(findViolations(tree({ 'electron/engine/x.ts': "// never: import { app } from 'electron';\n/* import 'electron' */" }))).toEqual([]);
  });
});
