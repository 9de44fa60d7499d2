import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ChannelName } from '../../shared/contract/channels';
import { dispatch } from '../../shared/contract/dispatch';
import { createEngineService } from '../engine/service/engineService';
import type { EngineOptions, EngineService, LabController } from '../engine/service/types';

/**
 * A copy of the sample plan folder and an engine rehearsing on `lab`, for one
 * test file: started before its tests, stopped (with the lab) after them.
 */
export function useSampleRehearsal(lab: LabController, prefix: string, options: Pick<EngineOptions, 'usageIntervalMs'> = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let engine: EngineService | undefined;
  beforeAll(async () => {
    cpSync(join(__dirname, '../../assets/sample-plan'), join(dir, 'site'), { recursive: true });
    engine = await createEngineService({ dataDir: join(dir, 'home'), host: 'cli', version: 'test', lab, ...options });
  });
  afterAll(async () => {
    await engine?.close();
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const current = (): EngineService => engine ?? (() => { throw new Error('the engine starts in beforeAll'); })();
  return {
    dir,
    engine: current,
    /** The reply's value, or a thrown error naming the channel. */
    async value(channel: ChannelName, payload: unknown): Promise<any> {
      const reply = await dispatch(current().handlers, channel, payload);
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.title} ${reply.error.hint ?? ''}`);
      return reply.value;
    },
  };
}
