import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngineService } from '../engine/service/engineService';
import { createMemorySecretStorage } from './memorySecretStorage';

const dir = mkdtempSync(join(tmpdir(), 'rp-memory-secrets-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the secret storage of the web host and the CLI', () => {
  it('says it is not persistent, so the engine refuses to remember and writes nothing to disk', async () => {
    const engine = await createEngineService({ dataDir: join(dir, 'data'), host: 'web', version: 'test', secretStorage: createMemorySecretStorage() });
    try {
      const target = { scope: 'endpoint', name: 'pve1', address: '10.0.0.1', user: 'root@pam' };
      expect(await dispatch(engine.handlers, 'secrets:remembered', {})).toEqual({ ok: true, value: { persistent: false, targets: [] } });
      expect(await dispatch(engine.handlers, 'secrets:provide', { target, value: 'Kl4r-Text', remember: true })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
      expect(await dispatch(engine.handlers, 'secrets:provide', { target, value: 'Kl4r-Text' })).toEqual({ ok: true, value: {} });
      expect(readdirSync(join(dir, 'data')).filter((name) => name.includes('secret'))).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
