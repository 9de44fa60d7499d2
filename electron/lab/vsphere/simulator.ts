import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator, Simulator } from '../simulators';
import { findVcsimBinary, vcsimMissingMessage, type VcsimLocation } from './binary';
import { parseVspherePreparation, type VsphereLabPreparation } from './preparation';
import { startVcsim, type VcsimProcess, type VcsimReady } from './vcsimProcess';

export interface VsphereLabOptions extends VcsimLocation {
  username?: string;
  password?: string;
}

/** What tests and the UI get beyond the endpoint. */
export interface VsphereLab {
  /** The ready line of the running vcsim-lab (url, sdk, SHA-1 thumbprint, SHA-256, pid). */
  ready(): VcsimReady;
  /** The preparation in force, or null for vcsim-lab's default inventory. */
  preparation(): VsphereLabPreparation | null;
}

/**
 * VMware's own vCenter simulator (vcsim, built as vcsim-lab) as one of the
 * lab's simulators. A preparation or a reset restarts it on the same port
 * with the same certificate, so a client's pin and URL stay valid.
 *
 *   stopped -> running --prepare/reset--> restarting -> running --close--> closed
 */
export const vsphereSimulator: Simulator<VsphereLabOptions, VsphereLab> & { unavailable(options?: VsphereLabOptions): string | null } = {
  kind: 'vsphere',
  title: 'VMware vCenter',
  unavailable: (options) => (findVcsimBinary(options).path ? null : vcsimMissingMessage),
  async start(options = {}) {
    const found = findVcsimBinary(options);
    if ('looked' in found) throw new Error(`${vcsimMissingMessage} (looked at ${found.looked.join(', ')})`);
    const binary = found.path;
    const username = options.username ?? 'administrator@vsphere.local';
    const password = options.password ?? randomBytes(12).toString('base64url');
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-vcsim-'));
    let preparation: VsphereLabPreparation | null = null;
    let current: VcsimProcess;
    const launch = (listen: string) =>
      startVcsim({ binary, listen, username, password, tlsDir: join(dir, 'tls'), ...(preparation ? { preparationFile: join(dir, 'preparation.json') } : {}) });
    try {
      current = await launch('127.0.0.1:0');
    } catch (cause) {
      rmSync(dir, { recursive: true, force: true });
      throw cause;
    }
    const listen = new URL(current.ready.url).host;
    let closed = false;
    // One restart at a time: a prepare during a reset waits for it.
    let queue: Promise<void> = Promise.resolve();
    const restart = (next: VsphereLabPreparation | null) =>
      (queue = queue.then(async () => {
        if (closed) throw new Error('vsphere lab: used after close.');
        await current.stop();
        preparation = next;
        if (next) writeFileSync(join(dir, 'preparation.json'), JSON.stringify(next));
        current = await launch(listen);
      }));
    const running: RunningSimulator<VsphereLab> = {
      endpoint: { kind: 'vsphere', url: current.ready.url, username, password, fingerprint: current.ready.sha256 },
      prepare: async (data) => restart(parseVspherePreparation(data)),
      reset: () => restart(null),
      handle: { ready: () => current.ready, preparation: () => preparation },
      async close() {
        if (closed) return;
        closed = true;
        await queue.catch(() => undefined);
        await current.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return running;
  },
};
