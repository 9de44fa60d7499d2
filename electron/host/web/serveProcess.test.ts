import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { projectRoot } from '../cli/paths';
import { frame, opcodes, RawWebSocket } from './testing/rawWebSocket';

/*
 * The field trial's crash, seen from outside: `rackpilot serve` as a child
 * process, so a socket error that ends the process fails here even where
 * vitest would catch it in-process.
 */
describe('rackpilot serve under protocol errors', () => {
  it('closes each offending socket with its code and keeps serving the others', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rp-serve-'));
    const child = spawn(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), 'serve', '--port', '0'], {
      cwd: projectRoot,
      env: { ...process.env, RACKPILOT_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => {
      child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const firstLine = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const url = new URL(firstLine);
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;

    const bystander = await RawWebSocket.open(port, token);
    expect(await bystander.invoke('app:info')).toMatchObject({ ok: true });
    const offences = [
      { frames: [frame(opcodes.text, '{', { declaredLength: 1024 * 1024 + 1 })], code: 1009 },
      { frames: [frame(opcodes.text, '{}', { rsv: 0b100 })], code: 1002 },
      { frames: [frame(opcodes.text, Buffer.from([0xff]))], code: 1007 },
    ];
    for (const { frames, code } of offences) {
      const offender = await RawWebSocket.open(port, token);
      offender.send(...frames);
      expect((await offender.closed).code).toBe(code);
      expect(await bystander.invoke('app:info')).toMatchObject({ ok: true });
    }
    const late = await RawWebSocket.open(port, token);
    expect(await late.invoke('app:info')).toMatchObject({ ok: true });
    late.destroy();
    bystander.destroy();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
