/** Why a command stopped early: a signal from the client, `kill`, or the channel closing. */
export class Terminated extends Error {
  constructor(readonly signal: string) {
    super(`terminated by SIG${signal}`);
  }
}

/** A limit of the sandbox was hit (output, nesting, processes, steps); the whole exec ends with this message. */
export class SandboxLimit extends Error {}

/** `exit N`: unwinds to the nearest shell. */
export class ExitRequest extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Terminated('TERM');
}

/** Resolves after `ms`, or rejects with the abort reason as soon as `signal` fires. */
export function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits until `subscribe`'s callback is called or `signal` fires; `subscribe` returns its unsubscribe. */
export function nextEvent(signal: AbortSignal, subscribe: (wake: () => void) => () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const finish = (error?: Error) => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(abortReason(signal));
    const unsubscribe = subscribe(() => finish());
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Output {
  /** `channel` is the session itself (what nohup redirects, like a terminal). */
  readonly kind: 'channel' | 'file' | 'null';
  write(chunk: string | Uint8Array): void;
}

export const nullOutput: Output = { kind: 'null', write: () => undefined };

const pauseAbove = 1024 * 1024;

/**
 * A command's standard input: chunks pushed by the channel (or a whole
 * file), read in order by whoever needs them, so `sudo -S` takes its line
 * and leaves the rest for the command it runs.
 */
export class Input {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly flow: { pause(): void; resume(): void } = { pause: () => undefined, resume: () => undefined }) {}

  static of(content: Uint8Array | null): Input {
    const input = new Input();
    if (content && content.length > 0) input.push(content);
    input.end();
    return input;
  }

  push(chunk: Uint8Array): void {
    this.chunks.push(Buffer.from(chunk));
    this.buffered += chunk.length;
    if (this.buffered > pauseAbove) this.flow.pause();
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async available(signal: AbortSignal): Promise<boolean> {
    while (this.chunks.length === 0 && !this.ended) {
      await nextEvent(signal, (wake) => (this.listeners.add(wake), () => this.listeners.delete(wake)));
    }
    return this.chunks.length > 0;
  }

  private take(count: number): Buffer {
    const chunk = this.chunks[0]!;
    const taken = chunk.subarray(0, count);
    if (count >= chunk.length) this.chunks.shift();
    else this.chunks[0] = chunk.subarray(count);
    this.buffered -= taken.length;
    if (this.buffered <= pauseAbove) this.flow.resume();
    return taken;
  }

  /** The next chunk, or null at the end. */
  async read(signal: AbortSignal): Promise<Buffer | null> {
    return (await this.available(signal)) ? this.take(this.chunks[0]!.length) : null;
  }

  /** One line without its newline; what is left at the end as the last line; null when nothing is left. */
  async readLine(signal: AbortSignal): Promise<string | null> {
    const parts: Buffer[] = [];
    while (await this.available(signal)) {
      const newline = this.chunks[0]!.indexOf(10);
      if (newline >= 0) {
        parts.push(this.take(newline + 1).subarray(0, newline));
        return Buffer.concat(parts).toString('utf8');
      }
      parts.push(this.take(this.chunks[0]!.length));
    }
    return parts.length > 0 ? Buffer.concat(parts).toString('utf8') : null;
  }

  /** Everything up to the end; more than `limit` bytes is a SandboxLimit. */
  async readAll(signal: AbortSignal, limit: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for (let chunk = await this.read(signal); chunk; chunk = await this.read(signal)) {
      size += chunk.length;
      if (size > limit) throw new SandboxLimit(`standard input is larger than the lab's ${limit} bytes`);
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }
}
