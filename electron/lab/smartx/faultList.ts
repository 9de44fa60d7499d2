import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

export interface FaultEntry<Fault> {
  id: string;
  fault: Fault;
}

/** A list of validated faults with counted use; shared by both simulators with their own schema. */
export class FaultList<Fault extends { kind: string }> {
  private entries: FaultEntry<Fault>[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly schema: z.ZodType<Fault>) {}

  /** Validates every input first (none is added when one is bad); the error names the field. */
  add(inputs: readonly unknown[]): FaultEntry<Fault>[] {
    const parsed = inputs.map((input, index) => {
      const result = this.schema.safeParse(input);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`fault ${index}: ${issue?.path.join('.') || 'kind'}: ${issue?.message ?? 'invalid'}`);
      }
      return result.data;
    });
    const added = parsed.map((fault) => ({ id: randomUUID(), fault }));
    this.entries.push(...added);
    this.changed();
    return added.map((entry) => ({ ...entry, fault: { ...entry.fault } }));
  }

  list(): FaultEntry<Fault>[] {
    return this.entries.map((entry) => ({ ...entry, fault: { ...entry.fault } }));
  }

  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.id !== id);
    if (this.entries.length === before) return false;
    this.changed();
    return true;
  }

  clear(): void {
    this.entries = [];
    this.changed();
  }

  /** Calls `listener` after faults were added, used up or removed; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  find<Kind extends Fault['kind']>(kind: Kind, match: (fault: Extract<Fault, { kind: Kind }>) => boolean = () => true): Extract<Fault, { kind: Kind }> | null {
    const entry = this.entries.find((candidate) => candidate.fault.kind === kind && match(candidate.fault as Extract<Fault, { kind: Kind }>));
    return (entry?.fault as Extract<Fault, { kind: Kind }> | undefined) ?? null;
  }

  /** Uses one count of the first matching fault (an `always` one is never used up); null when none matches. */
  take<Kind extends Fault['kind']>(kind: Kind, match: (fault: Extract<Fault, { kind: Kind }>) => boolean = () => true): Extract<Fault, { kind: Kind }> | null {
    const entry = this.entries.find((candidate) => candidate.fault.kind === kind && match(candidate.fault as Extract<Fault, { kind: Kind }>));
    if (!entry) return null;
    const fault = entry.fault as Extract<Fault, { kind: Kind }> & { count?: number; always?: boolean };
    if (typeof fault.count === 'number' && !fault.always) {
      if (fault.count <= 1) this.remove(entry.id);
      else entry.fault = { ...fault, count: fault.count - 1 };
    }
    return fault;
  }
}
