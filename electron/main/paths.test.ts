import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShellPaths } from './paths';

describe('resolveShellPaths', () => {
  it('finds the bundles and renderer next to dist-electron, and the data dir in userData by default', () => {
    const paths = resolveShellPaths('/opt/rackpilot/resources/app.asar/dist-electron', {}, () => '/home/u/.config/Rackpilot');
    expect(paths).toEqual({
      root: '/opt/rackpilot/resources/app.asar',
      preload: '/opt/rackpilot/resources/app.asar/dist-electron/preload.cjs',
      rendererIndex: '/opt/rackpilot/resources/app.asar/dist-renderer/index.html',
      icon: '/opt/rackpilot/resources/app.asar/assets/icon.png',
      dataDir: '/home/u/.config/Rackpilot',
      dataDirFromEnv: false,
      secretsFile: join('/home/u/.config/Rackpilot', 'secrets.json'),
    });
  });

  it('prefers RACKPILOT_HOME, made absolute, and ignores it when blank', () => {
    const fromEnv = resolveShellPaths('/app/dist-electron', { RACKPILOT_HOME: 'relative/home' }, () => '/unused');
    expect(fromEnv.dataDir).toBe(resolve('relative/home'));
    expect(fromEnv.dataDirFromEnv).toBe(true);
    expect(resolveShellPaths('/app/dist-electron', { RACKPILOT_HOME: '  ' }, () => '/default').dataDir).toBe('/default');
  });
});
