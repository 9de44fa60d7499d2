/*
 * A PVE worker task:
 *
 *   running --work resolves--> stopped (exitstatus "OK" or "WARNINGS: n")
 *      \-----work throws / injected fault / lab closes--> stopped (exitstatus = error text)
 */
export type TaskState = { kind: 'running' } | { kind: 'stopped'; exitstatus: string; endtime: number };

export interface LabTask {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
  state: TaskState;
  log: string[];
}

export interface TaskContext {
  log(line: string): void;
  warn(line: string): void;
  /**
   * Sleeps `fraction` of the task's configured duration. An injected
   * failure surfaces from the first wait, so the handler's own clean-up runs.
   */
  wait(fraction?: number): Promise<void>;
  readonly signal: AbortSignal;
}

export interface TaskSpec {
  node: string;
  /** `qmclone`, `qmstart`, `imgcopy`, ... */
  type: string;
  id: string;
  user: string;
  durationMs: number;
  /** An injected failure message, taken from the fault book when the task starts. */
  injectedFailure: string | null;
  work: (task: TaskContext) => Promise<void>;
}

const hex8 = (value: number) => (value >>> 0).toString(16).toUpperCase().padStart(8, '0');

function formatUpid(task: Pick<LabTask, 'node' | 'pid' | 'pstart' | 'starttime' | 'type' | 'id' | 'user'>): string {
  return `UPID:${task.node}:${hex8(task.pid)}:${hex8(task.pstart)}:${hex8(task.starttime)}:${task.type}:${task.id}:${task.user}:`;
}

const upidRe = /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/;

export function isUpid(text: string): boolean {
  return upidRe.test(text);
}

export class TaskBook {
  private readonly tasks = new Map<string, LabTask>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly lifetime: AbortSignal,
    private readonly allocatePid: () => number,
    private readonly bootedAt: (node: string) => number,
  ) {}

  start(spec: TaskSpec): string {
    const now = Date.now();
    const partial = {
      node: spec.node,
      pid: this.allocatePid(),
      pstart: Math.floor((now - this.bootedAt(spec.node)) / 10),
      starttime: Math.floor(now / 1000),
      type: spec.type,
      id: spec.id,
      user: spec.user,
    };
    const task: LabTask = { ...partial, upid: formatUpid(partial), state: { kind: 'running' }, log: [] };
    this.tasks.set(task.upid, task);
    const running = this.run(task, spec).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
    return task.upid;
  }

  /** Resolves when every started task has stopped (after the lab's signal aborts them). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get(upid: string): LabTask | undefined {
    return this.tasks.get(upid);
  }

  all(): LabTask[] {
    return [...this.tasks.values()];
  }

  private async run(task: LabTask, spec: TaskSpec): Promise<void> {
    let warnings = 0;
    let pendingFailure = spec.injectedFailure;
    const context: TaskContext = {
      signal: this.lifetime,
      log: (line) => task.log.push(line),
      warn: (line) => {
        warnings += 1;
        task.log.push(`WARN: ${line}`);
      },
      wait: async (fraction = 1) => {
        await sleep(Math.max(0, spec.durationMs * fraction), this.lifetime);
        if (pendingFailure !== null) {
          const message = pendingFailure;
          pendingFailure = null;
          throw new Error(message);
        }
      },
    };
    let exitstatus: string;
    try {
      await Promise.resolve();
      await spec.work(context);
      if (pendingFailure !== null) throw new Error(pendingFailure);
      exitstatus = warnings > 0 ? `WARNINGS: ${warnings}` : 'OK';
      task.log.push(warnings > 0 ? `TASK WARNINGS: ${warnings}` : 'TASK OK');
    } catch (cause) {
      exitstatus = (cause instanceof Error ? cause.message : String(cause)).trim().split('\n')[0] || 'unknown error';
      task.log.push(`TASK ERROR: ${exitstatus}`);
    }
    task.state = { kind: 'stopped', exitstatus, endtime: Math.floor(Date.now() / 1000) };
  }
}

/** Resolves after `ms`, or rejects as soon as the lab closes. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('received interrupt'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('received interrupt'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
