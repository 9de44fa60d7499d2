import type { EndpointSessions } from '../net/endpointSessions';
import type { PlatformUsage } from '../providers/types';

/** One endpoint whose provider can read its use; `read` is bound to the run's endpoint, plan and trust. */
export interface UsageSource {
  endpoint: string;
  /** `sessions` are the run's own logins: a reading rides on the steps' session (one login per endpoint per run). */
  read(signal: AbortSignal, sessions: EndpointSessions): Promise<PlatformUsage>;
}

export interface UsagePollerOptions {
  sources: readonly UsageSource[];
  sessions: EndpointSessions;
  intervalMs: number;
  publish(usage: PlatformUsage): void;
  /** A failed read never fails the run: it is one debug line. */
  debug(text: string): void;
}

/*
 * Reads each endpoint's use once at start, every `intervalMs`, and once at stop:
 *
 *   idle ──start()──> polling ──stop()──> stopped
 *                       │  ^
 *                  timer│  │read settles
 *                       v  │
 *                     reading
 *
 * Reads of one round run together; a round never overlaps the next (a slow
 * platform skips ticks rather than piling requests). stop() aborts a read
 * under way, waits for it, reads one last time and leaves no timer.
 */
type PollerPhase = { name: 'idle' } | { name: 'polling'; timer: NodeJS.Timeout | null } | { name: 'stopped' };

export class UsagePoller {
  private phase: PollerPhase = { name: 'idle' };
  private round: Promise<void> | null = null;
  private controller = new AbortController();

  constructor(private readonly options: UsagePollerOptions) {}

  start(): void {
    if (this.phase.name !== 'idle' || this.options.sources.length === 0) return;
    this.phase = { name: 'polling', timer: null };
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.phase.name === 'stopped') return;
    const wasPolling = this.phase.name === 'polling';
    if (this.phase.name === 'polling' && this.phase.timer) clearTimeout(this.phase.timer);
    this.phase = { name: 'stopped' };
    this.controller.abort();
    await this.round;
    if (!wasPolling) return;
    // The closing reading shows what the run left on the platform.
    this.controller = new AbortController();
    await this.readAll();
  }

  private tick(): void {
    if (this.phase.name !== 'polling') return;
    this.phase.timer = null;
    this.round = this.readAll().finally(() => {
      this.round = null;
      if (this.phase.name === 'polling') this.phase.timer = setTimeout(() => this.tick(), this.options.intervalMs);
    });
  }

  private async readAll(): Promise<void> {
    const signal = this.controller.signal;
    await Promise.all(
      this.options.sources.map(async (source) => {
        try {
          const usage = await source.read(signal, this.options.sessions);
          if (!signal.aborted) this.options.publish(usage);
        } catch (cause) {
          if (signal.aborted) return;
          this.options.debug(`Could not read the use of ${source.endpoint}: ${cause instanceof Error ? cause.message : String(cause)}`);
        }
      }),
    );
  }
}
