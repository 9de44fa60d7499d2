import { startLab } from '../../../lab';
import { type ParsedArgs, UsageError } from '../args';
import { engineText } from '../../../../shared/i18n/engineText';
import { langOf } from '../options';
import { labUsage } from '../usage';

/**
 * Starts the simulators and prints how to reach them. With --json one line
 * `{"endpoints":[{kind,url,username,password,fingerprint,admin}],"unavailable":[{kind,reason}]}` that scripts
 * parse; the lab password is a throwaway made for this start.
 */
export async function labCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  if (args.positionals[0] !== 'start') throw new UsageError(`which lab command?\n  ${labUsage}`, { key: 'cli.usage.whichLab', params: { usage: labUsage } });
  const lang = langOf(args);
  // Listening before the first line goes out: a script that reads "Ctrl+C stops the lab" and signals at once
  // must find the handler there (on a loaded machine it could come before the next statement ran).
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const lab = await startLab({ proxmox: { latency: { authFailureMs: 500 } } });
  // `admin` is the lab's fault-injection API (scripts and e2e tests inject locks, node failures, ...).
  const endpoints = lab.endpoints.map(({ kind, url, username, password, fingerprint, admin }) => ({ kind, url, username, password, fingerprint, admin }));
  if (json) {
    out.write(`${JSON.stringify({ endpoints, unavailable: lab.unavailable })}\n`);
  } else {
    for (const { kind, url, username: user, password, fingerprint, admin } of lab.endpoints) {
      out.write(`${engineText(lang, 'cli.lab.endpoint', { kind, url })}\n  ${engineText(lang, 'cli.lab.login', { user, password })}\n  ${engineText(lang, 'cli.lab.certificate', { fingerprint })}\n`);
      if (admin) out.write(`  ${engineText(lang, 'cli.lab.faults', { url: admin.url, token: admin.token })}\n`);
    }
    // Why a simulator did not start is the lab's own English (its simulators speak for the platform).
    for (const { kind, reason } of lab.unavailable) out.write(`${engineText(lang, 'cli.lab.unavailable', { kind, reason })}\n`);
    out.write(`${engineText(lang, 'cli.lab.stops')}\n`);
  }
  await stopRequested;
  await lab.close();
  return 0;
}
