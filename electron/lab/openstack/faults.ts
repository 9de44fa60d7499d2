import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const count = z.number().int().min(1).max(10_000).default(1);

/** What goes wrong on purpose. Counted faults wear off after `count` uses. */
export const openStackFaultSchema = z.discriminatedUnion('kind', [
  /** The next `count` servers (named `name`, or any) end in ERROR with Nova's fault `message`. */
  z.object({
    kind: z.literal('serverError'),
    name: z.string().min(1).max(255).optional(),
    count,
    message: z.string().min(1).max(500).default('No valid host was found. There are not enough hosts available.'),
  }),
  /**
   * Glance refuses direct uploads (PUT /v2/images/{id}/file) with 403, as its `upload_image` policy does for
   * a project member on clouds that take images only through the import flow (stage, then glance-direct).
   */
  z.object({ kind: z.literal('directUploadRefused') }),
  /**
   * The next `count` `method` requests to a path ending in `path` on `service` are carried out, but the
   * connection is cut before the answer: a link that dropped right after the cloud acted, so the client
   * never learns the id of what it made.
   */
  z.object({ kind: z.literal('answerLost'), service: z.enum(['identity', 'compute', 'network', 'image']), method: z.string().min(1).max(10).default('POST'), path: z.string().min(1).max(200), count }),
  /** Every API call of `service` (or of all) waits `delayMs` first. */
  z.object({ kind: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000), service: z.enum(['identity', 'compute', 'network', 'image']).optional() }),
]);

export type OpenStackFaultInput = z.input<typeof openStackFaultSchema>;
export type OpenStackFault = z.output<typeof openStackFaultSchema>;
export interface OpenStackFaultEntry {
  id: string;
  fault: OpenStackFault;
}

export class OpenStackFaultBook {
  private entries: OpenStackFaultEntry[] = [];

  add(inputs: unknown[]): OpenStackFaultEntry[] {
    const parsed = inputs.map((input, i) => {
      const result = openStackFaultSchema.safeParse(input);
      if (!result.success) throw new Error(`OpenStack lab: fault ${i} is invalid: ${result.error.issues[0]!.path.join('.') || 'kind'}: ${result.error.issues[0]!.message}`);
      return { id: randomUUID(), fault: result.data };
    });
    this.entries.push(...parsed);
    return parsed;
  }

  list(): OpenStackFaultEntry[] {
    return [...this.entries];
  }

  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.id !== id);
    return this.entries.length < before;
  }

  clear(): void {
    this.entries = [];
  }

  /** The fault message for a new server named `name`, using one count up; null when it should build. */
  takeServerError(name: string): string | null {
    const entry = this.entries.find((candidate) => candidate.fault.kind === 'serverError' && (candidate.fault.name === undefined || candidate.fault.name === name));
    if (!entry || entry.fault.kind !== 'serverError') return null;
    entry.fault.count -= 1;
    if (entry.fault.count <= 0) this.remove(entry.id);
    return entry.fault.message;
  }

  /** Whether this request's answer is to be lost (one count of an `answerLost` fault used up). */
  takeAnswerLost(service: string, method: string, path: string): boolean {
    const entry = this.entries.find(({ fault }) => fault.kind === 'answerLost' && fault.service === service && fault.method === method && path.endsWith(fault.path));
    if (!entry || entry.fault.kind !== 'answerLost') return false;
    entry.fault.count -= 1;
    if (entry.fault.count <= 0) this.remove(entry.id);
    return true;
  }

  refusesDirectUpload(): boolean {
    return this.entries.some(({ fault }) => fault.kind === 'directUploadRefused');
  }

  delayFor(service: string): number {
    return this.entries.reduce((delay, { fault }) => (fault.kind === 'slow' && (fault.service ?? service) === service ? Math.max(delay, fault.delayMs) : delay), 0);
  }
}
