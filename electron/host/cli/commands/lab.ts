import { startLab } from '../../../lab';
import { type ParsedArgs, UsageError } from '../args';
import { labUsage } from '../usage';

/**
 * Starts the simulators and prints how to reach them. With --json one line
 * `{"endpoints":[{kind,url,username,password,fingerprint,admin}],"unavailable":[{kind,reason}]}` that scripts
 * parse; the lab password is a throwaway made for this start.
 */
export async function labCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  if (args.positionals[0] !== 'start') throw new UsageError(`which lab command?\n  ${labUsage}`);
  const lab = await startLab({ proxmox: { latency: { authFailureMs: 500 } } });
  // `admin` is the lab's fault-injection API (scripts and e2e tests inject locks, node failures, ...).
  const endpoints = lab.endpoints.map(({ kind, url, username, password, fingerprint, admin }) => ({ kind, url, username, password, fingerprint, admin }));
  if (json) {
    out.write(`${JSON.stringify({ endpoints, unavailable: lab.unavailable })}\n`);
  } else {
    for (const endpoint of lab.endpoints) {
      out.write(`${endpoint.kind} lab: ${endpoint.url}\n  user ${endpoint.username}  password ${endpoint.password}\n  certificate SHA-256 ${endpoint.fingerprint}\n`);
      if (endpoint.admin) out.write(`  fault injection: ${endpoint.admin.url} (Bearer ${endpoint.admin.token})\n`);
    }
    for (const { kind, reason } of lab.unavailable) out.write(`${kind} lab: not started. ${reason}\n`);
    out.write('Ctrl+C stops the lab.\n');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await lab.close();
  return 0;
}
