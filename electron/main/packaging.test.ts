import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/* build/electron-builder.json checked offline, with electron-builder's own schema and validator. */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(repo, path), 'utf8')) as Record<string, unknown>;

const config = readJson('build/electron-builder.json');
const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator') as {
  validateSchema(schema: unknown, data: unknown, options?: { name?: string }): void;
};
const schema = readJson('node_modules/app-builder-lib/scheme.json');

describe('electron-builder configuration', () => {
  it('matches electron-builder’s schema', () => {
    expect(() => validateSchema(schema, config, { name: 'build/electron-builder.json' })).not.toThrow();
  });

  it('is checked by a validator that does reject mistakes', () => {
    expect(() => validateSchema(schema, { ...config, nsis: { oneClick: 'sometimes' } })).toThrow(/oneClick/);
    expect(() => validateSchema(schema, { ...config, linux: { targets: ['AppImage'] } })).toThrow(/configuration\.linux/);
  });

  it('ships what package.json starts and the bundles load', () => {
    const pkg = readJson('package.json');
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist-electron/**', 'dist-renderer/**', 'assets/**']));
  });

  it('refers only to resources that exist', () => {
    const mac = config.mac as Record<string, string>;
    const referenced = [
      (config.linux as Record<string, string>).icon,
      (config.win as Record<string, string>).icon,
      mac.icon,
      mac.entitlements,
      mac.entitlementsInherit,
    ];
    for (const path of referenced) expect(existsSync(join(repo, path ?? '(missing)')), path).toBe(true);
  });

  it('keeps every native module outside the asar archive', () => {
    const unpacked = (config.asarUnpack as string[]).join(' ');
    for (const name of ['better-sqlite3', 'ssh2', 'cpu-features']) expect(unpacked).toContain(`node_modules/${name}/`);
  });
});
