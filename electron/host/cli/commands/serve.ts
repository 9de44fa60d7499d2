import type { LabController } from '../../../engine/service/types';
import { startWebHost } from '../../web/webHost';
import { engineText } from '../../../../shared/i18n/engineText';
import { intFlag, type ParsedArgs } from '../args';
import { langOf } from '../options';
import { appVersion, defaultDataDir, rendererDir, samplePlanDir } from '../paths';

/**
 * Runs the web host until SIGINT/SIGTERM, then closes the engine (active runs resume next time).
 *
 * The URL is printed as soon as the host listens; the engine (its code, the
 * SQLite store, the interrupted-run scan) opens right after, and the host
 * holds early sockets until it is ready. An engine that cannot open (another
 * one owns the data folder) stops the host and is reported as before.
 */
export async function serveCommand(args: ParsedArgs, out: NodeJS.WriteStream): Promise<number> {
  const dataDir = defaultDataDir();
  // Checked before anything starts, so a wrong --lang is a usage error and not a host left half up.
  const lang = langOf(args);
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  let lab: LabController | undefined;
  let urlPrinted!: () => void;
  const engine = new Promise<void>((resolve) => (urlPrinted = resolve)).then(async () => {
    const [{ createEngineService }, { createLabController }, { createMemorySecretStorage }] = await Promise.all([
      import('../../../engine/service/engineService'),
      import('../../../hostShared/lab/labController'),
      import('../../../hostShared/memorySecretStorage'),
    ]);
    lab = createLabController();
    // No OS keyring here: passwords entered in the UI last until the host stops, and the UI says so.
    return createEngineService({ dataDir, host: 'web', version: appVersion(), lab, samplePlanDir, secretStorage: createMemorySecretStorage() });
  });
  const host = await startWebHost({ engine, staticDir: rendererDir, port: intFlag(args, 'port', 0, 0, 65535) });
  out.write(`${host.url}\n`);
  out.write(`${engineText(lang, 'cli.serve.ready', { port: host.port, dir: dataDir })}\n`);
  urlPrinted();
  try {
    // A failed opening ends the host at once; otherwise it serves until asked to stop.
    await Promise.race([engine, stopRequested]);
    await stopRequested;
  } finally {
    await host.close();
    await engine.then((opened) => opened.close(), () => undefined);
    await lab?.stop();
  }
  return 0;
}
