import { FileStore, SpaceBudget } from './fileStore';
import type { PretendHost } from './preparation';
import type { HostContext } from './shell/context';
import { ProcessTable } from './shell/processes';

/** The lab's own machine: where a plain `USER` login lands. */
export const labHostName = 'ssh-lab';

/**
 * The machines the lab pretends to be, each with its own files and
 * background processes, made on first use. Their budget of bytes is shared.
 */
export class HostRegistry {
  private readonly contexts = new Map<string, HostContext>();
  private byAddress = new Map<string, string>();
  private prepared: PretendHost[] = [];
  /** Hosts another simulator added at run time (the SmartX lab's CloudTower VM); a later preparation keeps them. */
  private readonly attached = new Map<string, PretendHost>();

  constructor(private readonly budget: SpaceBudget) {}

  /** The pretend hosts of a new preparation; hosts no longer listed are forgotten with their files. */
  async define(hosts: PretendHost[]): Promise<void> {
    this.prepared = hosts;
    this.index();
    const kept = new Set([labHostName, ...hosts.map((host) => host.name), ...this.attached.keys()]);
    await Promise.all([...this.contexts.keys()].filter((name) => !kept.has(name)).map((name) => this.forget(name)));
  }

  /** Adds (or re-addresses) one host beside the prepared ones, without touching their files. */
  attach(host: PretendHost): HostContext {
    this.attached.set(host.name, host);
    this.index();
    return this.get(host.name);
  }

  /** Forgets one attached host with its files and processes (its VM was deleted). */
  async detach(name: string): Promise<void> {
    if (!this.attached.delete(name)) return;
    this.index();
    await this.forget(name);
  }

  /** Forgets the attached hosts with their files (reset). */
  async detachAll(): Promise<void> {
    const names = [...this.attached.keys()];
    this.attached.clear();
    this.index();
    await Promise.all(names.map((name) => this.forget(name)));
  }

  private index(): void {
    const hosts = [...this.prepared, ...this.attached.values()];
    this.byAddress = new Map(hosts.flatMap((host) => host.addresses.map((address) => [address, host.name] as const)));
  }

  /** The host a name or address stands for, or null when it is not one the lab pretends to be. */
  lookup(nameOrAddress: string): string | null {
    return this.byAddress.get(nameOrAddress.toLowerCase()) ?? null;
  }

  get(name: string): HostContext {
    let context = this.contexts.get(name);
    if (!context) this.contexts.set(name, (context = { name, files: new FileStore(this.budget), processes: new ProcessTable() }));
    return context;
  }

  private async forget(name: string): Promise<void> {
    const context = this.contexts.get(name);
    this.contexts.delete(name);
    await context?.processes.stopAll();
    context?.files.clear();
  }

  /** Every host's processes stopped and files gone (the next use starts empty). */
  async clear(): Promise<void> {
    await Promise.all([...this.contexts.keys()].map((name) => this.forget(name)));
  }
}
