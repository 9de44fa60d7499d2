import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { endpointCells, type LabProcess } from '../../../e2e/support/lab';
import { copySample, readTable, setCells } from '../../../e2e/support/workbooks';
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

/**
 * A copy of the sample plan pointed at a lab process, without scripts (they would
 * reach the VMs' planned private addresses, which the lab does not give them), with
 * small disks, and bastion-01 asking for more disk than any node has: its create
 * step fails, the others succeed, so the run has something to roll back.
 */
export async function sampleFailingOnBastion(dir: string, lab: LabProcess): Promise<string> {
  const workbook = await copySample(dir, 'site.xlsx');
  const vms = await readTable(workbook, 'VMs', 'Name *');
  const noScripts = vms.map((_, index): [string, string, null] => ['VMs', `M${index + 2}`, null]);
  const small = vms.map((vm, index): [string, string, string] => ['VMs', `H${index + 2}`, /windows/i.test(vm['OS *'] ?? '') ? '40G' : '10G']);
  const bastion = vms.findIndex((vm) => vm['Name *'] === 'bastion-01') + 2;
  const endpoint = endpointCells(lab).map(([sheet, cell, value]): [string, string, string | number | null] => [sheet, cell, cell === 'H2' ? lab.fingerprint : value]);
  await setCells(workbook, [...endpoint, ...noScripts, ...small, ['VMs', `G${bastion}`, '900 GiB']]);
  return workbook;
}
