import type { LabAuth } from './auth';
import type { FaultBook } from './faults';
import type { ClusterState } from './state/cluster';
import type { TaskBook, TaskContext } from './state/tasks';

/** Latencies of the simulated work, in milliseconds. */
export interface LabLatency {
  /** Added to every API call before it is handled. */
  requestMs: number;
  /** Duration of a task whose type has no entry in `tasks`. */
  taskMs: number;
  /** Per task type: `qmclone`, `qmstart`, `qmshutdown`, `qmstop`, `qmsuspend`, `qmdestroy`, `qmconfig`, `resize`, `imgcopy`. */
  tasks: Record<string, number>;
  /** How long after start the guest agent answers (and reports the VM's IP). */
  guestAgentMs: number;
  /** Delay before a failed login or a bad ticket is answered with 401 (PVE waits ~3 s). */
  authFailureMs: number;
}

export interface LabSettings {
  latency: LabLatency;
  /** Clones put a `clone` lock on the source VM while the task runs (see the report for PVE 8's shared lock). */
  cloneLocksSource: boolean;
  /** `disk`: uploads are written under `dir`; `count`: only counted and hashed. */
  uploads: { mode: 'disk' | 'count'; dir: string | null };
  version: { version: string; release: string; repoid: string };
}

/** Everything a handler may touch; one per lab instance, so labs never share state. */
export interface LabContext {
  cluster: ClusterState;
  tasks: TaskBook;
  faults: FaultBook;
  auth: LabAuth;
  settings: LabSettings;
  /** The lab's certificate fingerprint, as /nodes reports `ssl_fingerprint`. */
  fingerprint: string;
  /** Aborted when the lab closes: pending tasks and timers stop. */
  signal: AbortSignal;
  /** Starts a worker task with the configured duration and any injected failure; returns its UPID. */
  startTask(spec: { node: string; type: string; id: string; user: string; work: (task: TaskContext) => Promise<void> }): string;
}

export function createStartTask(tasks: TaskBook, faults: FaultBook, latency: LabLatency): LabContext['startTask'] {
  return (spec) =>
    tasks.start({
      ...spec,
      durationMs: latency.tasks[spec.type] ?? latency.taskMs,
      injectedFailure: faults.takeTaskFailure(spec.type, spec.node),
    });
}
