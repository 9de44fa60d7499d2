import { createEngineService } from '../../../engine/service/engineService';
import { createLabController } from '../../../hostShared/lab/labController';
import { createMemorySecretStorage } from '../../../hostShared/memorySecretStorage';
import { startWebHost } from '../../web/webHost';
import { intFlag, type ParsedArgs } from '../args';
import { appVersion, defaultDataDir, rendererDir, samplePlanDir } from '../paths';

/** Runs the web host until SIGINT/SIGTERM, then closes the engine (active runs resume next time). */
export async function serveCommand(args: ParsedArgs, out: NodeJS.WriteStream): Promise<number> {
  const dataDir = defaultDataDir();
  const lab = createLabController();
  // No OS keyring here: passwords entered in the UI last until the host stops, and the UI says so.
  const engine = await createEngineService({ dataDir, host: 'web', version: appVersion(), lab, samplePlanDir, secretStorage: createMemorySecretStorage() });
  const host = await startWebHost({ engine, staticDir: rendererDir, port: intFlag(args, 'port', 0, 0, 65535) });
  out.write(`${host.url}\n`);
  out.write(`Rackpilot web host on 127.0.0.1:${host.port}, data in ${dataDir}. Open the URL above; Ctrl+C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await engine.close();
  await lab.stop();
  return 0;
}
