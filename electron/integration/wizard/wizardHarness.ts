import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import { writeWithOpenpyxl } from '../../engine/plan/testFixtures/external';
import { samplePlanSheets, type PlanRows } from '../../engine/plan/testFixtures/v1Plan';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineOptions, EngineService } from '../../engine/service/types';

/** An engine in a temp folder, driven through the contract like a host drives it. */
export async function startWizardEngine(options: Partial<EngineOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rp-wizard-it-'));
  const engine: EngineService = await createEngineService({ dataDir: join(dir, 'data'), host: 'web', version: 'test', ...options });
  const invoke = (channel: ChannelName, payload: unknown = {}) => dispatch(engine.handlers, channel, payload);
  const value = async (channel: ChannelName, payload: unknown = {}): Promise<any> => {
    const reply = await invoke(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.title} ${reply.error.hint ?? ""} ${reply.error.detail ?? ""}`);
    return reply.value;
  };
  const settle = async (runId: string): Promise<any> => {
    for (let i = 0; i < 600; i++) {
      const run = await value('run:get', { runId });
      if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`run ${runId} did not finish`);
  };
  return {
    dir,
    engine,
    invoke,
    value,
    settle,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A two-VM plan on one Proxmox endpoint at `127.0.0.1:port`, cloning a
 * template every lab node carries. web-01 gets `ip` (the preflight probes
 * it, so tests keep it on loopback; null = DHCP, which a deployment on the
 * lab needs: its guests never report a loopback address).
 */
export function twoVmPlan(port: number, password: string, ip: string | null = '127.0.0.1'): PlanRows {
  return {
    endpoints: [{ name: 'pve-lab', kind: 'proxmox', address: '127.0.0.1', port, username: 'root@pam', password }],
    jumpHosts: [],
    networks: [{ name: 'mgmt', endpoint: 'pve-lab', vlan: 10, cidr: '127.0.0.0/8', gateway: '127.0.0.254', bridge: 'vmbr0' }],
    images: [{ name: 'ubuntu', kind: 'template', endpoint: 'pve-lab', remoteName: 'ubuntu-22.04-template' }],
    vms: [
      { name: 'web-01', endpoint: 'pve-lab', os: 'ubuntu', image: 'ubuntu', vcpu: 2, memoryMiB: 2048, diskGiB: 20, network: 'mgmt', ip, vmid: 1001, user: 'ops', password: 'vm-pass-1' },
      { name: 'web-02', endpoint: 'pve-lab', os: 'ubuntu', image: 'ubuntu', vcpu: 1, memoryMiB: 1024, diskGiB: 12, network: 'mgmt', vmid: 1002, user: 'ops', password: 'vm-pass-2' },
    ],
    scripts: [],
  };
}

/** Writes the plan with openpyxl; sheets without rows are left out (an empty table has no header row to find). */
export async function writePlan(rows: PlanRows, path: string): Promise<string> {
  const empty = new Set(Object.entries(rows).filter(([, list]) => list.length === 0).map(([key]) => key));
  const sheets = samplePlanSheets('en', rows);
  const names: Record<string, string> = { jumpHosts: 'Jump hosts', scripts: 'Scripts', networks: 'Networks', images: 'Images' };
  return writeWithOpenpyxl(sheets.filter((sheet) => ![...empty].some((key) => names[key] === sheet.name)), path);
}
