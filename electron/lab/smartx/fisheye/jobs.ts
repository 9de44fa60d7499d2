import { randomUUID } from 'node:crypto';

/*
 * One fisheye job (VM create, update, power):
 *
 *   pending --(jobMs/3)--> processing --(jobMs)--> done
 *                                         \------> failed   (a jobFails fault, or the work refused)
 *
 * The work runs when the job leaves `processing`; what it made is listed in
 * `resources` (a new VM as `{type: "KVM_VM", uuid}`).
 */
export type JobState = { kind: 'pending' } | { kind: 'processing' } | { kind: 'done' } | { kind: 'failed'; code: string; message: string };

export interface JobResource {
  type: 'KVM_VM';
  uuid: string;
}

export interface Job {
  id: string;
  operation: string;
  description: string;
  state: JobState;
  resources: Record<string, JobResource>;
  createdAt: number;
}

/** The job's work refused with a fisheye error code (`EVM_NO_RESOURCE`). */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class JobBook {
  private readonly jobs = new Map<string, Job>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly signal: AbortSignal,
    private readonly durationMs: () => number,
  ) {}

  /** Starts a job; `failWith` (from a fault) makes it fail instead of doing `work`. */
  start(operation: string, description: string, resources: Record<string, JobResource>, work: () => void, failWith: string | null): Job {
    const job: Job = { id: randomUUID(), operation, description, state: { kind: 'pending' }, resources, createdAt: Date.now() };
    this.jobs.set(job.id, job);
    const total = this.durationMs();
    this.running++;
    this.after(Math.floor(total / 3), () => {
      job.state = { kind: 'processing' };
      this.after(total - Math.floor(total / 3), () => {
        job.state = failWith !== null ? { kind: 'failed', code: 'EJOB_FAILED', message: failWith } : this.attempt(work);
        this.settled();
      });
    });
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }

  /** Resolves once no job is pending or processing (or the book was aborted). */
  idle(): Promise<void> {
    if (this.running === 0 || this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every timer: jobs in flight stay where they are (reset/close). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.running = 0;
    this.flushIdle();
  }

  private attempt(work: () => void): JobState {
    try {
      work();
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof JobFailure) return { kind: 'failed', code: error.code, message: error.message };
      return { kind: 'failed', code: 'EINTERNAL', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private after(ms: number, action: () => void): void {
    if (this.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.signal.aborted) action();
    }, ms);
    this.timers.add(timer);
  }

  private settled(): void {
    this.running = Math.max(0, this.running - 1);
    if (this.running === 0) this.flushIdle();
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
