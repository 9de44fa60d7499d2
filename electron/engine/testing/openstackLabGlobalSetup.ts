import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { openStackLabScripts, openStackLabState } from './openstackLab';

/*
 * Once per vitest run: gives the run a token (test files that start the OpenStack
 * lab record it), and at the end stops the lab if this run started it. With
 * RACKPILOT_OSLAB_REQUIRED=1 (CI) it also brings the lab up before any test, so
 * a lab that cannot start fails the run at once instead of skipping tests.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    openstackLabRun: string;
  }
}

const run = promisify(execFile);
const env = (): NodeJS.ProcessEnv => ({ ...process.env, OSLAB_STATE: openStackLabState });

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const token = `vitest-${process.pid}-${randomUUID()}`;
  project.provide('openstackLabRun', token);
  if (process.env.RACKPILOT_OSLAB_REQUIRED === '1') {
    const started = Date.now();
    const { stdout } = await run(join(openStackLabScripts, 'ensure.sh'), [token], { env: env(), timeout: 15 * 60_000 });
    console.log(`OpenStack lab: ${stdout.trim()} (${Math.round((Date.now() - started) / 1000)} s including the wait)`);
  }
  return async () => {
    const marker = join(openStackLabState, 'started-by');
    if (!existsSync(marker) || readFileSync(marker, 'utf8').trim() !== token) return;
    const started = Date.now();
    await run(join(openStackLabScripts, 'down.sh'), [], { env: env(), timeout: 5 * 60_000 });
    rmSync(marker, { force: true });
    console.log(`OpenStack lab stopped in ${Math.round((Date.now() - started) / 1000)} s`);
  };
}
