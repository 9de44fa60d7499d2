import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/runModel';
import { openStore } from '../../engine/store';
import { deployAndKill, runCli } from './cliTestKit';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rp-cancel-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const runsOf = (dataDir: string): RunSummary[] => (JSON.parse(runCli(dataDir, ['runs', '--json']).stdout) as { runs: RunSummary[] }).runs;

describe('rackpilot cancel', () => {
  it('ends a run whose process was killed, so its environment takes a new run', async () => {
    const dataDir = tempDir();
    const killed = await deployAndKill(dataDir, 2);
    const blocked = runCli(dataDir, ['deploy', '--demo', '--targets', '1', '--step-ms', '0', '--json']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(killed.runId);

    const cancelled = runCli(dataDir, ['cancel', killed.runId, '--json']);
    expect(cancelled.stderr).toBe('');
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toEqual({ runId: killed.runId, state: 'cancelled', resources: [] });
    const run = runsOf(dataDir).find((entry) => entry.id === killed.runId);
    expect(run?.state).toBe('cancelled');
    expect(run?.stepCounts.pending).toBe(0);

    expect(runCli(dataDir, ['deploy', '--demo', '--targets', '1', '--step-ms', '0', '--json']).code).toBe(0);
  });

  it('lists the VMs and images the run created, which stay behind', () => {
    const dataDir = tempDir();
    const store = openStore(join(dataDir, 'rackpilot.db'));
    const upload = { endpoint: 'pve1', node: 'pve-a', storage: 'local', remoteName: 'ubuntu.iso', file: 'u.iso', sha256: null, image: 'ubuntu', cells: {} };
    store.createRun({ id: 'run-1', planName: 'Site', environment: 'site', source: { kind: 'demo' }, createdAt: 1 }, [
      { id: 'image.upload:pve1/pve-a/local/ubuntu.iso', kind: 'proxmox.image.upload', title: 'Upload', target: 'pve1/pve-a/local', deps: [], input: upload },
      { id: 'vm.create:web-01', kind: 'proxmox.vm.create', title: 'Create web-01', target: 'pve1', deps: [], input: { endpoint: 'pve1', name: 'web-01' } },
      { id: 'vm.create:web-02', kind: 'proxmox.vm.create', title: 'Create web-02', target: 'pve1', deps: [], input: { endpoint: 'pve1', name: 'web-02' } },
    ]);
    store.commit('run-1', { run: { state: 'running', startedAt: 2 }, events: [{ type: 'run.state', at: 2, state: 'running', error: null }] });
    store.setArtifact('run-1', 'image.upload:pve1/pve-a/local/ubuntu.iso', 'upload:pve-a', { volid: 'local:iso/ubuntu.iso', size: 1, mtimeMs: 1, sha256: 'ab', phase: 'uploaded' });
    store.setArtifact('run-1', 'vm.create:web-01', 'vm', { vmid: 101, node: 'pve-b', template: 9000, phase: 'configured' });
    store.setArtifact('run-1', 'vm.create:web-02', 'vm', { vmid: 102, node: 'pve-a', template: 9000, phase: 'cleaned' });
    // Closed without a verdict, as when the process dies: the next engine finds it interrupted.
    store.close();

    const cancelled = runCli(dataDir, ['cancel', 'run-1', '--json']);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout).resources).toEqual([
      { stepId: 'image.upload:pve1/pve-a/local/ubuntu.iso', endpoint: 'pve1', kind: 'image', id: 'local:iso/ubuntu.iso', name: 'ubuntu.iso', node: 'pve-a' },
      { stepId: 'vm.create:web-01', endpoint: 'pve1', kind: 'vm', id: '101', name: 'web-01', node: 'pve-b' },
    ]);
    expect(runCli(dataDir, ['cancel', 'run-1']).stderr).toContain('Run run-1 is cancelled');
  });

  it('refuses unknown and finished runs with exit 2, saying why', () => {
    const dataDir = tempDir();
    expect(runCli(dataDir, ['deploy', '--demo', '--targets', '1', '--step-ms', '0', '--json']).code).toBe(0);
    const [finished] = runsOf(dataDir);
    const again = runCli(dataDir, ['cancel', finished!.id]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Run ${finished!.id} is succeeded`);
    const unknown = runCli(dataDir, ['cancel', 'no-such-run']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no run with id no-such-run');
  });
});
