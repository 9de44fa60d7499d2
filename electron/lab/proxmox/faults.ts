import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const name = z.string().min(1).max(64);
const count = z.number().int().min(1).max(10_000).default(1);

/** What can go wrong on purpose. Counted faults wear off after `count` uses. */
export const labFaultSchema = z.discriminatedUnion('kind', [
  /** The next `count` clones of `vmid` fail at once with `VM is locked (clone)`. */
  z.object({ kind: z.literal('cloneLocked'), vmid: z.number().int().min(100), count }),
  /** `vmid` carries a config lock for `forMs` (as if another clone held it). */
  z.object({
    kind: z.literal('vmLocked'),
    vmid: z.number().int().min(100),
    lock: z.enum(['backup', 'clone', 'create', 'migrate', 'rollback', 'snapshot', 'snapshot-delete', 'suspending', 'suspended']).default('clone'),
    forMs: z.number().int().min(1).max(3_600_000),
  }),
  /** Every call for `node` answers `status message`; resources show it offline. */
  z.object({
    kind: z.literal('nodeDown'),
    node: name,
    status: z.number().int().min(500).max(599).default(595),
    message: z.string().min(1).max(300).default('No route to host'),
  }),
  /** The node reports its memory as used up, and VM starts there fail. */
  z.object({ kind: z.literal('nodeOutOfMemory'), node: name }),
  /** The storage reports no free space; clones, uploads and disk growth on it fail. */
  z.object({ kind: z.literal('storageFull'), node: name, storage: name }),
  /** The next `count` tasks of `taskType` (optionally on `node`) fail with `message` or a realistic default. */
  z.object({ kind: z.literal('taskFails'), taskType: name, node: name.optional(), count, message: z.string().min(1).max(500).optional() }),
  /** The next `count` uploads lose their connection after `afterBytes` bytes of request body. */
  z.object({ kind: z.literal('uploadReset'), afterBytes: z.number().int().min(0), count }),
  /** Every API call (or those naming `node`) waits `delayMs` before it is handled. */
  z.object({ kind: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000), node: name.optional() }),
]);

export type LabFaultInput = z.input<typeof labFaultSchema>;
export type LabFault = z.output<typeof labFaultSchema>;
export interface LabFaultEntry {
  id: string;
  fault: LabFault;
}

const defaultTaskFailures: Record<string, string> = {
  qmclone: "clone failed: command '/usr/bin/qemu-img convert -p -n -f raw -O raw' failed: exit code 1",
  qmstart: 'start failed: QEMU exited with code 1',
  qmshutdown: 'VM quit/powerdown failed - got timeout',
  qmstop: 'VM quit/powerdown failed - got timeout',
  qmsuspend: 'command \'savevm-start\' failed - unable to save VM state',
  qmdestroy: "lvremove 'pve/vm-disk' error:   Logical volume pve/vm-disk in use.",
  qmconfig: "can't lock file '/var/lock/qemu-server/lock-config.conf' - got timeout",
  resize: "command '/sbin/lvextend' failed: exit code 5",
  imgcopy: 'failed to write file: Input/output error',
};

type VmLockedEntry = LabFaultEntry & { fault: Extract<LabFault, { kind: 'vmLocked' }> };
const isVmLocked = (entry: LabFaultEntry): entry is VmLockedEntry => entry.fault.kind === 'vmLocked';

/** How `vmLocked` faults reach the cluster state, which the book does not own. */
export interface VmLockHooks {
  /** Sets the lock; throws when the VM does not exist. */
  lock(entry: VmLockedEntry): void;
  /** The fault ended (expired, removed or cleared): lift the lock if it is still the fault's. */
  unlock(entry: VmLockedEntry): void;
}

/**
 * The faults in force. Injected at start (options) or at run time through
 * the admin API; handlers ask it before acting.
 */
export class FaultBook {
  private entries: LabFaultEntry[] = [];

  constructor(private readonly vmLocks: VmLockHooks) {}

  /** Validates and adds faults; throws an Error naming the bad field. */
  add(inputs: readonly unknown[]): LabFaultEntry[] {
    const parsed = inputs.map((input, index) => {
      const result = labFaultSchema.safeParse(input);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`fault ${index}: ${issue?.path.join('.') || 'kind'}: ${issue?.message ?? 'invalid'}`);
      }
      return result.data;
    });
    const added = parsed.map((fault) => ({ id: randomUUID(), fault }));
    for (const entry of added) {
      if (isVmLocked(entry)) this.vmLocks.lock(entry);
      this.entries.push(entry);
    }
    return added.map((entry) => ({ id: entry.id, fault: { ...entry.fault } }));
  }

  list(): LabFaultEntry[] {
    return this.entries.map((entry) => ({ id: entry.id, fault: { ...entry.fault } }));
  }

  remove(id: string): boolean {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) return false;
    this.entries = this.entries.filter((candidate) => candidate !== entry);
    if (isVmLocked(entry)) this.vmLocks.unlock(entry);
    return true;
  }

  clear(): void {
    const ended = this.entries;
    this.entries = [];
    for (const entry of ended) if (isVmLocked(entry)) this.vmLocks.unlock(entry);
  }

  takeCloneLock(vmid: number): boolean {
    return this.take((fault) => fault.kind === 'cloneLocked' && fault.vmid === vmid) !== null;
  }

  nodeDown(node: string): { status: number; message: string } | null {
    for (const { fault } of this.entries) if (fault.kind === 'nodeDown' && fault.node === node) return { status: fault.status, message: fault.message };
    return null;
  }

  nodeOutOfMemory(node: string): boolean {
    return this.entries.some(({ fault }) => fault.kind === 'nodeOutOfMemory' && fault.node === node);
  }

  storageFull(node: string, storage: string): boolean {
    return this.entries.some(({ fault }) => fault.kind === 'storageFull' && fault.node === node && fault.storage === storage);
  }

  takeTaskFailure(taskType: string, node: string): string | null {
    const fault = this.take((candidate) => candidate.kind === 'taskFails' && candidate.taskType === taskType && (!candidate.node || candidate.node === node));
    if (!fault || fault.kind !== 'taskFails') return null;
    return fault.message ?? defaultTaskFailures[taskType] ?? 'command failed: exit code 1';
  }

  takeUploadReset(): number | null {
    const fault = this.take((candidate) => candidate.kind === 'uploadReset');
    return fault?.kind === 'uploadReset' ? fault.afterBytes : null;
  }

  delayMs(node: string | null): number {
    let delay = 0;
    for (const { fault } of this.entries) if (fault.kind === 'slow' && (!fault.node || fault.node === node)) delay += fault.delayMs;
    return delay;
  }

  /** Uses one count of the first matching counted fault; drops it when spent. */
  private take(match: (fault: LabFault) => boolean): LabFault | null {
    const entry = this.entries.find((candidate) => match(candidate.fault));
    if (!entry) return null;
    const fault = entry.fault;
    if ('count' in fault) {
      const left = fault.count - 1;
      if (left <= 0) this.remove(entry.id);
      else entry.fault = { ...fault, count: left };
    }
    return fault;
  }
}
