/**
 * Deploys N VMs (default 200) to a fresh Proxmox lab at several concurrency
 * settings, through the real runner and step kinds, and prints each run's
 * time next to the ideal lower bound of the same lab: the latencies the lab
 * is configured with, per VM (clone, config, resize and start tasks, then
 * the guest agent), times the VMs, over the concurrency. The ratio is the
 * figure to watch; both numbers come from the same run on the same box.
 *
 *   RACKPILOT_NETWORK_SCOPE=loopback npx tsx scripts/bench/vmScaling.ts [--vms 200] [--concurrency 4,8,16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildProxmoxSteps, createProxmoxStepKinds, resolveProxmoxEndpoint } from '../../electron/engine/providers/proxmox';
import { testEndpoint, testPlan, testVm } from '../../electron/engine/providers/proxmox/planTestKit';
import { Runner } from '../../electron/engine/runner';
import { openStore } from '../../electron/engine/store';
import { startLab } from '../../electron/lab';
import { defaultLatency } from '../../electron/lab/proxmox/options';

const argValue = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};
const vmCount = Number(argValue('vms', '200'));
const settings = argValue('concurrency', '4,8,16').split(',').map(Number);
const nodes = ['pve1', 'pve2', 'pve3'].map((name, index) => ({
  name,
  memoryGiB: 4096,
  lvmGiB: 100_000,
  templates: [{ vmid: 9000 + index * 10, name: 'ubuntu-22.04-template', ostype: 'l26' as const, diskGiB: 10, memoryMiB: 2048, cores: 2 }],
}));

/** The lab's own figures: what one VM costs it, with nothing else in the way. */
function perVmLatencyMs(): number {
  const { tasks, taskMs, guestAgentMs } = defaultLatency;
  const task = (type: string): number => tasks[type] ?? taskMs;
  return task('qmclone') + task('qmconfig') + task('resize') + task('qmstart') + guestAgentMs;
}

async function deploy(concurrency: number): Promise<{ ms: number; outcome: string; tasks: number }> {
  // PVE 8 clones a template under a shared lock (qemu-server's clone_vm), so clones of one template run side by side.
  const lab = await startLab({ proxmox: { nodes, cloneLocksSource: false, uploads: { mode: 'count' } } });
  const dir = mkdtempSync(join(tmpdir(), 'rackpilot-bench-vms-'));
  const store = openStore(join(dir, 'runs.sqlite'));
  try {
    const endpoint = lab.endpoints[0]!;
    const plan = testPlan({
      endpoints: [testEndpoint({ url: endpoint.url, username: endpoint.username, password: endpoint.password, fingerprint: endpoint.fingerprint })],
      vms: Array.from({ length: vmCount }, (_, index) => testVm({ name: `vm-${String(index + 1).padStart(3, '0')}`, memoryMiB: 1024, diskGiB: 16 })),
    });
    const steps = buildProxmoxSteps(plan);
    const runId = `bench-${concurrency}`;
    store.createRun({ id: runId, planName: 'bench', environment: 'bench', source: { kind: 'test' }, createdAt: Date.now() }, steps);
    const kinds = createProxmoxStepKinds({
      resolveEndpoint: () => resolveProxmoxEndpoint(plan.endpoints[0]!),
      trust: store,
      reservations: store,
      environment: 'bench',
      workbookDir: dir,
      guestWait: { enabled: true, timeoutMs: 60_000, required: true },
    });
    const runner = new Runner({
      runId,
      steps,
      kinds,
      concurrency,
      hooks: { onStepState: () => undefined, onProgress: () => undefined, onLog: () => undefined, artifactsFor: (stepId) => store.artifactsFor(runId, stepId) },
    });
    const started = performance.now();
    const outcome = await runner.start();
    return { ms: performance.now() - started, outcome, tasks: lab.proxmox.snapshot().tasks.total };
  } finally {
    store.close();
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const perVm = perVmLatencyMs();
console.log(`${vmCount} VMs on a 3-node lab; the lab spends ${perVm} ms per VM (clone, config, resize, start, guest agent).`);
console.log('concurrency   ours (s)   ideal (s)   ours/ideal   lab tasks per VM   outcome');
for (const concurrency of settings) {
  const result = await deploy(concurrency);
  const ideal = (perVm * vmCount) / concurrency;
  console.log(
    [
      String(concurrency).padStart(11),
      (result.ms / 1000).toFixed(1).padStart(10),
      (ideal / 1000).toFixed(1).padStart(11),
      (result.ms / ideal).toFixed(2).padStart(12),
      (result.tasks / vmCount).toFixed(1).padStart(18),
      `   ${result.outcome}`,
    ].join(''),
  );
}
