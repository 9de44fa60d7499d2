import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import type { SshHop } from '../ssh/types';

/*
 * The real OpenStack lab (scripts/openstack-lab) for integration and conformance
 * tests. A test file asks for it in beforeAll (useOpenStackLab); the first one
 * in a vitest run starts it (about 1.5-2.5 min), the others wait for that start
 * and share it, and the global setup (openstackLabGlobalSetup.ts) stops it when
 * the run ends, unless it was already running before the run.
 *
 * The APIs are on the head node's address inside a network namespace; from the
 * host they are reachable only through the bastion (127.0.0.1:5821), unless a
 * test opens the direct doors (setDirectAccess), which it closes again itself.
 */

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const openStackLabScripts = resolve(here, '../../../scripts/openstack-lab');
export const openStackLabState = process.env.RACKPILOT_OSLAB_STATE ?? '/tmp/rackpilot-oslab';
const labEnv = (): NodeJS.ProcessEnv => ({ ...process.env, OSLAB_STATE: openStackLabState });

export interface OpenStackCredentials {
  username: string;
  password: string;
  project: string;
  domain: string;
}

/** What up.sh writes to lab.json. */
export interface OpenStackLabInfo {
  /** `http://127.0.15.1:5000/v3`: the head node's address, as the catalog names it. */
  authUrl: string;
  head: string;
  region: string;
  admin: OpenStackCredentials;
  demo: OpenStackCredentials;
  bastion: { host: string; port: number; username: string; password: string; keyFile: string; hostKeyFingerprint: string };
  zones: { zone: string; host: string }[];
  netns: string;
}

export interface OpenStackLab extends OpenStackLabInfo {
  /** The bastion as the first hop of an SSH chain, logging in by password or by key. */
  bastionHop(login?: 'password' | 'key'): SshHop;
  /** Runs the `openstack` CLI inside the lab as admin; `-f json` output parsed. */
  openstack(args: string[]): Promise<unknown>;
  /** Runs an `openstack` command that prints nothing (delete, set), which would refuse `-f json`. */
  openstackDo(args: string[]): Promise<void>;
  /** Several `openstack` commands in one CLI process (its interactive shell), `-f json` each: one start-up instead of one per command. */
  openstackMany(commands: string[][]): Promise<unknown[]>;
  /** Sets a project's compute quotas (`instances`, `cores`, `ram` in MB; -1 is unlimited). */
  setComputeQuota(project: string, quota: { instances?: number; cores?: number; ram?: number }): Promise<void>;
  /** Opens or closes the relays that make the catalog's URLs reachable from the host without the bastion. */
  setDirectAccess(open: boolean): Promise<void>;
  directAccessOpen(): Promise<boolean>;
  /** False: Glance refuses direct uploads (PUT .../file) to project members, who must stage and import (glance-direct); true gives them back. */
  setDirectUpload(allowed: boolean): Promise<void>;
}

/** Why the lab cannot run here, or null. With RACKPILOT_OSLAB_REQUIRED=1 it is never skipped: a missing piece fails the tests. */
export function openStackLabSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.RACKPILOT_OSLAB_REQUIRED === '1') return null;
  if (process.platform !== 'linux') return 'the OpenStack lab runs on Linux only';
  if (process.getuid?.() !== 0) return 'the OpenStack lab needs root (a network namespace, sshd)';
  if (!existsSync('/usr/lib/python3/dist-packages/nova') || !existsSync('/usr/sbin/mariadbd')) {
    return `OpenStack is not installed: run ${join(openStackLabScripts, 'install.sh')} (as .ci/run does)`;
  }
  if (!existsSync('/var/cache/rackpilot-oslab/root/usr/share/nova-common/api-paste.ini')) {
    return `the OpenStack lab's paste files are missing: run ${join(openStackLabScripts, 'install.sh')}`;
  }
  return null;
}

/** The token of this vitest run (from the global setup); a lab started under it is stopped when the run ends. */
function runOwner(): string {
  try {
    return inject('openstackLabRun');
  } catch {
    // Outside a vitest run with the global setup (a script): nobody stops it but down.sh.
    return 'manual';
  }
}

let starting: Promise<OpenStackLab> | undefined;

/**
 * The lab, started if it is not running, and held by this test file alone until
 * `releaseOpenStackLab()` (its afterAll): the files share one project, its quotas
 * and its direct-access switch, so two at once see each other's servers. Call it in
 * beforeAll with a timeout long enough to wait for the other files (30 minutes).
 */
export async function useOpenStackLab(): Promise<OpenStackLab> {
  starting ??= ensureLab().catch((error: unknown) => {
    starting = undefined;
    throw error;
  });
  const lab = await starting;
  await holdLab();
  return lab;
}

const holdDir = `${openStackLabState}.tests.hold`;
const holderFile = join(holdDir, 'pid');

/** One test process at a time holds the lab; a holder that died leaves it free. Exported for scripts (benchmarks) that share the lab with test runs. */
export async function holdLab(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(holdDir);
      writeFileSync(holderFile, String(process.pid));
      process.once('exit', releaseOpenStackLab);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSyncOrEmpty(holderFile));
    if (holder === process.pid) return;
    if (holder > 0 && !alive(holder)) rmSync(holdDir, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Lets the next test file have the lab; call it in afterAll of every file that used it. */
export function releaseOpenStackLab(): void {
  if (Number(readFileSyncOrEmpty(holderFile)) === process.pid) rmSync(holdDir, { recursive: true, force: true });
}

function readFileSyncOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Starts the lab unless it is up; `owner` goes to its started-by marker when this call starts it (a script passes its own, to stop only a lab it started). */
export async function ensureLab(owner: string = runOwner()): Promise<OpenStackLab> {
  const ensure = join(openStackLabScripts, 'ensure.sh');
  try {
    await run(ensure, [owner], { env: labEnv(), timeout: 15 * 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`The OpenStack lab did not come up (${ensure}; log ${openStackLabState}.up.log):\n${stderr.slice(-3000)}`);
  }
  const info = JSON.parse(readFileSync(join(openStackLabState, 'lab.json'), 'utf8')) as OpenStackLabInfo;
  return withTools(info);
}

function withTools(info: OpenStackLabInfo): OpenStackLab {
  const openstack = async (args: string[]): Promise<unknown> => {
    const script = `. ${openStackLabState}/adminrc && exec openstack "$@"`;
    const { stdout } = await run('ip', ['netns', 'exec', info.netns, 'bash', '-c', script, 'openstack', ...args, '-f', 'json'], {
      env: labEnv(),
      timeout: 120_000,
    });
    return stdout.trim() === '' ? null : (JSON.parse(stdout) as unknown);
  };
  const openstackDo = async (args: string[]): Promise<void> => {
    const script = `. ${openStackLabState}/adminrc && exec openstack "$@"`;
    await run('ip', ['netns', 'exec', info.netns, 'bash', '-c', script, 'openstack', ...args], { env: labEnv(), timeout: 120_000 });
  };
  const openstackMany = async (commands: string[][]): Promise<unknown[]> => {
    // The shell reads one command a line and matches its first words as the command's name, unquoted; other words are quoted only when they need it.
    const quote = (word: string): string => {
      if (/^[\w.,:=@%^/+-]+$/.test(word)) return word;
      if (word.includes("'") || word.includes('\n')) throw new Error(`openstackMany cannot pass ${JSON.stringify(word)}: use openstack() for it`);
      return `'${word}'`;
    };
    const lines = commands.map((command) => [...command, '-f', 'json'].map(quote).join(' ')).join('\n');
    const script = `. ${openStackLabState}/adminrc && exec openstack`;
    const child = run('ip', ['netns', 'exec', info.netns, 'bash', '-c', script], { env: labEnv(), timeout: 120_000 });
    child.child.stdin?.end(`${lines}\n`);
    const { stdout, stderr } = await child;
    const answers = jsonValues(stdout);
    if (answers.length !== commands.length) {
      throw new Error(`openstack answered ${answers.length} of ${commands.length} commands (${commands.map((command) => command.join(' ')).join('; ')}):\n${stderr.slice(-2000)}`);
    }
    return answers;
  };
  const doors = async (verb: 'on' | 'off' | 'status'): Promise<string> =>
    (await run(join(openStackLabScripts, 'doors.sh'), [verb], { env: labEnv(), timeout: 60_000 })).stdout.trim();
  const uploads = async (mode: 'direct' | 'import-only'): Promise<void> => {
    await run(join(openStackLabScripts, 'uploads.sh'), [mode], { env: labEnv(), timeout: 60_000 });
  };
  return {
    ...info,
    bastionHop(login = 'password') {
      const auth = login === 'password' ? { password: new Secret(info.bastion.password) } : { privateKey: readFileSync(info.bastion.keyFile, 'utf8') };
      return {
        name: 'oslab-bastion',
        host: info.bastion.host,
        port: info.bastion.port,
        username: info.bastion.username,
        auth,
        expectedHostKeys: [info.bastion.hostKeyFingerprint],
      };
    },
    openstack,
    openstackDo,
    openstackMany,
    async setComputeQuota(project, quota) {
      await openstackDo(['quota', 'set', ...Object.entries(quota).flatMap(([name, value]) => [`--${name}`, String(value)]), project]);
    },
    async setDirectAccess(open) {
      await doors(open ? 'on' : 'off');
    },
    async directAccessOpen() {
      return (await doors('status')) === 'on';
    },
    async setDirectUpload(allowed) {
      await uploads(allowed ? 'direct' : 'import-only');
    },
  };
}

/** The JSON documents printed one after the other (pretty-printed arrays and objects), in order. */
export function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = depth > 0;
    } else if (char === '[' || char === '{') {
      if (depth++ === 0) start = i;
    } else if ((char === ']' || char === '}') && depth > 0 && --depth === 0) {
      values.push(JSON.parse(text.slice(start, i + 1)) as unknown);
    }
  }
  return values;
}
