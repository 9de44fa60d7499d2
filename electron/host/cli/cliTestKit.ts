import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EngineEvent } from '../../../shared/runModel';
import { projectRoot } from './paths';

export const cliEntry = join(projectRoot, 'bin/rackpilot.mjs');

/** `rackpilot ARGS` as a user runs it, to completion, with its data in `dataDir`. */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cliEntry, ...args], { env: { ...process.env, ...env, RACKPILOT_HOME: dataDir }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a demo deploy in a child process and SIGKILLs it once `enough` steps have succeeded. */
export async function deployAndKill(dataDir: string, enough: number) {
  const child = spawn(process.execPath, [cliEntry, 'deploy', '--demo', '--json', '--targets', '4', '--step-ms', '400', '--log-lines', '40'], {
    env: { ...process.env, RACKPILOT_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let runId = '';
  const succeeded: string[] = [];
  const logSeqs: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as EngineEvent | { type: 'run.started'; runId: string };
    if (message.type === 'run.started') runId = message.runId;
    if (message.type === 'step.state' && message.state === 'succeeded') succeeded.push(message.stepId);
    if (message.type === 'log') logSeqs.push(...message.lines.map((logLine) => logLine.seq));
    if (succeeded.length >= enough) {
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((resolve) => child.once('exit', resolve));
  return { runId, succeeded, logSeqs };
}
