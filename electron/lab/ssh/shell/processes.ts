import { SandboxLimit, Terminated } from './io';

interface BackgroundProcess {
  name: string;
  commandLine: string;
  controller: AbortController;
  done: Promise<void>;
}

const maxProcesses = 64;

/**
 * A host's background processes (`CMD &`, `nohup CMD &`): they outlive the
 * session that started them, as on a real machine, until they finish, are
 * killed, or the lab resets.
 */
export class ProcessTable {
  private nextPid = 1000;
  private readonly running = new Map<number, BackgroundProcess>();

  start(commandLine: string, run: (signal: AbortSignal) => Promise<unknown>): number {
    if (this.running.size >= maxProcesses) throw new SandboxLimit(`fork: retry: Resource temporarily unavailable (the lab allows ${maxProcesses} background processes per host)`);
    const pid = this.nextPid++;
    const controller = new AbortController();
    const name = (commandLine.replace(/^(nohup|sudo)\s+/, '').split(/\s+/)[0] ?? '').split('/').pop()!.slice(0, 15);
    // A background process's own failure is its business: the exit status is not kept, as nobody `wait`s here.
    const done = run(controller.signal)
      .catch(() => undefined)
      .finally(() => this.running.delete(pid))
      .then(() => undefined);
    this.running.set(pid, { name, commandLine, controller, done });
    return pid;
  }

  /** pgrep: by process name, or with `full` by a substring of the whole command line (as a regex when it is one). */
  find(pattern: string, full: boolean): number[] {
    let matches: (text: string) => boolean;
    try {
      const regex = new RegExp(pattern);
      matches = (text) => regex.test(text);
    } catch {
      matches = (text) => text.includes(pattern);
    }
    return [...this.running].filter(([, process]) => matches(full ? process.commandLine : process.name)).map(([pid]) => pid);
  }

  kill(pid: number, signal: string): boolean {
    const process = this.running.get(pid);
    if (!process) return false;
    if (signal === '0') return true;
    // Every signal the lab knows is fatal: the process is gone at once, as a killed sleep is.
    this.running.delete(pid);
    process.controller.abort(new Terminated(signal));
    return true;
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    for (const process of all) process.controller.abort(new Terminated('KILL'));
    await Promise.all(all.map((process) => process.done));
  }
}
