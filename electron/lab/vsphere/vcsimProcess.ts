import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

/** The one JSON line vcsim-lab prints once it serves. */
const readyLineSchema = z.object({
  url: z.string().url(),
  sdk: z.string().url(),
  username: z.string().min(1),
  /** SHA-1 of the certificate, `AB:CD:...`, as vCenter shows it. */
  thumbprint: z.string().regex(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/),
  sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  pid: z.number().int().positive(),
});
export type VcsimReady = z.infer<typeof readyLineSchema>;

export interface VcsimArgs {
  binary: string;
  /** `127.0.0.1:0` the first time, then the port it got, so a restart keeps the URL. */
  listen: string;
  username: string;
  password: string;
  tlsDir: string;
  preparationFile?: string;
  /** Building a large inventory takes a few seconds; a binary that says nothing for this long is stuck. */
  readyTimeoutMs?: number;
}

export interface VcsimProcess {
  ready: VcsimReady;
  /** SIGTERM to its process group, SIGKILL if it lingers; resolves once it exited. */
  stop(): Promise<void>;
}

/*
 * spawned -> ready (ready line parsed) -> stopping -> exited
 *        \-> failed (exit, bad line or timeout before ready; stderr in the error)
 */
export function startVcsim(args: VcsimArgs): Promise<VcsimProcess> {
  const child = spawn(args.binary, ['-listen', args.listen, '-username', args.username, '-tls-dir', args.tlsDir, ...(args.preparationFile ? ['-prepare', args.preparationFile] : [])], {
    // The password travels in the environment: arguments are visible to every user through ps.
    env: { ...process.env, VCSIM_LAB_PASSWORD: args.password },
    // stdin stays open while we live: vcsim-lab exits when it closes, so a killed lab leaves no simulator behind.
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so stop() reaches everything it started and nothing is orphaned.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    let settled = false;
    const failed = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child, exited);
      reject(new Error(`vcsim-lab (${args.binary}) ${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => failed(`was not ready after ${(args.readyTimeoutMs ?? 60_000) / 1000} s`), args.readyTimeoutMs ?? 60_000);
    child.once('error', (error) => failed(`could not start (${error.message})`));
    child.once('exit', (code, signal) => failed(`exited before it was ready (${signal ?? `exit code ${code}`})`));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      let parsed: ReturnType<typeof readyLineSchema.safeParse>;
      try {
        parsed = readyLineSchema.safeParse(JSON.parse(line));
      } catch {
        return failed(`printed ${JSON.stringify(line.slice(0, 200))} instead of its JSON ready line`);
      }
      if (!parsed.success) return failed(`printed a ready line without ${parsed.error.issues[0]!.path.join('.')}`);
      settled = true;
      clearTimeout(timer);
      lines.on('line', () => undefined);
      resolve({ ready: parsed.data, stop: () => stopChild(child, exited) });
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
  };
  signalGroup('SIGTERM');
  const killer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}
