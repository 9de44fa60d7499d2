import { randomBytes } from 'node:crypto';

/*
 * A CloudTower task (what a mutation returns as `task_id`):
 *
 *   PENDING --(taskMs/4)--> EXECUTING(progress 0..1) --(taskMs)--> SUCCESSED
 *                                                       \--------> FAILED (error_message)
 *
 * The mutation's resource exists as soon as it answers (as in CloudTower);
 * `work` runs when the task ends and may refuse (FAILED).
 */
export type TaskStatus = 'PENDING' | 'EXECUTING' | 'SUCCESSED' | 'FAILED';

export interface Task {
  id: string;
  description: string;
  status: TaskStatus;
  progress: number;
  error_message: string | null;
  resource_id: string | null;
  resource_type: string | null;
  resource_mutation: string;
  local_created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** CloudTower ids: 25 lower-case alphanumerics, like its cuid-style ids. */
export function towerId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `cl${[...randomBytes(23)].map((byte) => alphabet[byte % alphabet.length]).join('')}`;
}

export class TaskBook {
  private readonly tasks = new Map<string, Task>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly durationMs: () => number) {}

  start(mutation: string, description: string, resource: { id: string; type: string } | null, work: () => void, failWith: string | null, onFailed: () => void = () => undefined): Task {
    const task: Task = {
      id: towerId(),
      description,
      status: 'PENDING',
      progress: 0,
      error_message: null,
      resource_id: resource?.id ?? null,
      resource_type: resource?.type ?? null,
      resource_mutation: mutation,
      local_created_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
    };
    this.tasks.set(task.id, task);
    const total = this.durationMs();
    const startedAt = Date.now();
    this.after(Math.floor(total / 4), () => {
      Object.assign(task, { status: 'EXECUTING', started_at: new Date().toISOString(), progress: 0.25 });
      this.after(total - Math.floor(total / 4), () => {
        let error = failWith;
        if (error === null) {
          try {
            work();
          } catch (cause) {
            error = cause instanceof Error ? cause.message : String(cause);
          }
        }
        Object.assign(task, { status: error === null ? 'SUCCESSED' : 'FAILED', error_message: error, progress: 1, finished_at: new Date(Math.max(Date.now(), startedAt)).toISOString() });
        if (error !== null) onFailed();
      });
    });
    return task;
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  all(): Task[] {
    return [...this.tasks.values()];
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}
