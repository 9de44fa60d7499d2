import type { ProxmoxLabOptions } from './options';
import { startProxmoxLab, type ProxmoxLab } from './server';
import { LabClient } from './testClient';

/** Short latencies for tests; individual tests lengthen what they need to observe mid-task. */
export const fastLatency: NonNullable<ProxmoxLabOptions['latency']> = {
  requestMs: 0,
  taskMs: 5,
  tasks: { qmclone: 20, qmstart: 5, qmshutdown: 5, imgcopy: 5 },
  guestAgentMs: 0,
  authFailureMs: 0,
};

/** Starts labs for a test file and closes every one of them (call `closeAll` in afterEach). */
export class LabPool {
  private readonly open: ProxmoxLab[] = [];

  async start(options: ProxmoxLabOptions = {}): Promise<{ lab: ProxmoxLab; client: LabClient }> {
    const latency = { ...fastLatency, ...options.latency, tasks: { ...fastLatency.tasks, ...options.latency?.tasks } };
    const lab = await startProxmoxLab({ ...options, latency });
    this.open.push(lab);
    const client = new LabClient(lab);
    await client.login();
    return { lab, client };
  }

  async closeAll(): Promise<void> {
    const labs = this.open.splice(0);
    await Promise.all(labs.map((lab) => lab.close()));
  }
}
