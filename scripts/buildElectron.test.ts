import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildElectron, nativeExternals } from './buildElectron.mjs';

type Output = { name: string; file: string; bytes: number; imports: string[] };

// A `require(...)` that opens a string literal is text a library emits as generated code (ajv's
// `uri.code = 'require("ajv/dist/runtime/uri").default'`, for standalone validators), not a call.
const requires = (code: string): string[] => [...new Set([...code.matchAll(/(?<!['"`])require\(["']([^"']+)["']\)/g)].map((match) => match[1] ?? ''))];

let outDir: string;
let outputs: Output[];
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rackpilot-bundle-'));
  outputs = await buildElectron({ outDir });
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('buildElectron', () => {
  it('bundles a preload that requires nothing but electron (the sandbox allows no more)', async () => {
    const code = await readFile(join(outDir, 'preload.cjs'), 'utf8');
    expect(requires(code)).toEqual(['electron']);
    expect(code).not.toContain('import.meta');
  });

  it('bundles a CommonJS main that loads only Node built-ins and the native externals', async () => {
    const code = await readFile(join(outDir, 'main.cjs'), 'utf8');
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const foreign = requires(code).filter((name) => !builtins.has(name) && !nativeExternals.includes(name.split('/')[0] ?? ''));
    expect(foreign).toEqual([]);
    expect(code).toContain('"use strict"');
    expect(code).not.toMatch(/import\.meta\.(url|dirname|filename)/);
    expect(outputs.map((output) => output.name)).toEqual(['main', 'preload']);
  });
});
