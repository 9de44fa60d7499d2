import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractHandlers } from '../../../shared/contract/api';
import { runSourceSchema, type LabMode, type RunSource } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import { defaultStepConcurrency, finalStepStates, type EngineEvent } from '../../../shared/runModel';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import { openStore, type RunStore } from '../store';
import { Redactor, redactDeep } from '../util/redactor';
import { listCreatedResources } from './createdResources';
import { collectRunResults } from './runResults';
import { acquireDataDirLock } from './dataDirLock';
import { resetLabForRehearsal, startsFreshLab } from './freshLab';
import { prepareRun } from './graphSources';
import { exportedFileHandlers } from './exportedFiles';
import { planHandlers } from './planHandlers';
import { redactingHandlers } from './redactingHandlers';
import { RunRollback, previewRollback, refuseRollback } from './runRollback';
import { RunSession } from './runSession';
import { secretHandlers } from './secrets/secretHandlers';
import { SecretVault } from './secrets/secretVault';
import type { EngineOptions, EngineService, PushListener } from './types';
import { createWizard, type Wizard } from './wizard';
import { text } from '../../../shared/i18n/engineText';


type PreparedKinds = Awaited<ReturnType<typeof prepareRun>>['kinds'];
type PreparedSession = Pick<Awaited<ReturnType<typeof prepareRun>>, 'kinds' | 'usageSources'>;

/** The engine behind both hosts and the CLI: owns the store and the run sessions. */
export async function createEngineService(options: EngineOptions): Promise<EngineService> {
  const releaseLock = acquireDataDirLock(options.dataDir);
  try {
    // One redactor for the store and everything else: what the store writes is already redacted.
    const redactor = new Redactor();
    const store = openStore(join(options.dataDir, 'rackpilot.db'), { redactor });
    store.markInterrupted(Date.now());
    return new Engine(store, redactor, options, releaseLock);
  } catch (cause) {
    releaseLock();
    throw cause;
  }
}

function samplePlansIn(dir: string | undefined) {
  if (!dir) return null;
  const [en, zh, es] = (['en', 'zh', 'es'] as const).map((lang) => join(dir, `sample-plan.${lang}.xlsx`));
  return en && zh && es && [en, zh, es].every((path) => existsSync(path)) ? { en, zh, es } : null;
}

class Engine implements EngineService {
  private readonly listeners = new Set<(events: EngineEvent[]) => void>();
  private readonly pushListeners = new Set<PushListener>();
  private readonly sessions = new Map<string, RunSession>();
  /** Rollbacks under way (or being prepared: the id is taken before the workbook is read again). */
  private readonly rollbacks = new Map<string, RunRollback | 'preparing'>();
  private readonly secrets: SecretVault;
  private readonly providers: ProviderRegistry;
  private closed = false;
  private labStarts: Promise<unknown> = Promise.resolve();
  private readonly wizard: Wizard;
  readonly handlers: ContractHandlers;

  constructor(
    private readonly store: RunStore,
    private readonly redactor: Redactor,
    private readonly options: EngineOptions,
    private readonly releaseLock: () => void,
  ) {
    this.providers = createProviderRegistry(options.providers);
    this.secrets = new SecretVault(this.redactor, options.secretStorage);
    this.wizard = createWizard({ store, options, redactor: this.redactor, push: (event, payload) => this.push(event, payload), runDeps: () => this.runDeps(), executingRuns: () => this.executingRunIds() });
    const plans = planHandlers(store, options, this.providers);
    this.handlers = redactingHandlers(this.redactor, {
      ...plans,
      ...this.wizard.handlers,
      ...exportedFileHandlers({ ...plans, ...this.wizard.handlers }, options.files),
      ...secretHandlers(this.secrets, () => this.runDeps()),
      'app:info': () => ({ version: options.version, host: options.host, dataDir: options.dataDir, samplePlans: samplePlansIn(options.samplePlanDir) }),
      'run:start': (request) => this.startRun(request.source, request.concurrency ?? defaultStepConcurrency, request.labMode),
      'run:list': (request) => store.listRuns(request),
      'run:get': ({ runId }) => {
        const run = this.requireRun(runId);
        return { ...run, seq: run.lastSeq, steps: store.getSteps(runId).map(({ input: _input, ...step }) => step) };
      },
      'run:logs': ({ runId, ...query }) => {
        this.requireRun(runId);
        return store.getLogLines(runId, query);
      },
      'run:pause': ({ runId }) => (this.requireSession(runId).pause(), {}),
      'run:resume': ({ runId }) => this.resumeRun(runId),
      'run:cancel': ({ runId }) => this.cancelRun(runId),
      'run:createdResources': ({ runId }) => (this.requireRun(runId), { resources: listCreatedResources(this.store, runId, this.providers) }),
      'run:results': ({ runId }) => {
        this.requireRun(runId);
        // One item per stored step, in the store's step order: the ids come from that same list.
        const stepIds = this.store.getSteps(runId).map((step) => step.id);
        const { items } = collectRunResults(this.store, runId, this.providers);
        return { items: items.map(({ kind, name, target, status, createdIds }, index) => ({ stepId: stepIds[index]!, kind, name, target, status, fields: createdIds })) };
      },
      'run:rollbackPreview': ({ runId }) => this.previewRollback(runId),
      'run:rollback': ({ runId, force }) => this.rollBack(runId, force),
      'run:retryStep': ({ runId, stepId }) => this.changeStep(runId, (session) => session.retryStep(stepId)),
      'run:skipStep': ({ runId, stepId }) => this.changeStep(runId, (session) => session.skipStep(stepId)),
      'trust:list': () => store.listPins(),
      'trust:revoke': ({ id }) => {
        if (!store.revokePin(id)) fail('not_found', text('service.trust.noPin', { id }));
        return {};
      },
    });
  }

  onEvents(listener: (events: EngineEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onPush(listener: PushListener): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  private push: PushListener = (event, raw) => {
    // Pushes (preflight, trust requests, watcher findings) do not pass the store: redacted here on their way out.
    const payload = redactDeep(raw, this.redactor);
    for (const listener of this.pushListeners) {
      try {
        listener(event, payload);
      } catch {
        // As with run events: one broken subscriber does not stop the others.
      }
    }
  };

  private executingRunIds(): string[] {
    return [...[...this.sessions].filter(([, session]) => session.isExecuting).map(([runId]) => runId), ...this.rollbacks.keys()];
  }

  hasActiveWork(): boolean {
    return [...this.sessions.values()].some((session) => session.isExecuting) || this.rollbacks.size > 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wizard.dispose();
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
    this.sessions.clear();
    await Promise.all([...this.rollbacks.values()].map((rollback) => (rollback === 'preparing' ? undefined : rollback.close())));
    this.rollbacks.clear();
    this.store.close();
    this.releaseLock();
  }

  private emit = (events: EngineEvent[]): void => {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // A failing subscriber (a closed socket) must not stop the run or the others.
      }
    }
  };

  private requireRun(runId: string) {
    const run = this.store.getRun(runId);
    if (!run) fail('not_found', text('error.run.none', { run: runId }));
    return run;
  }

  private requireSession(runId: string): RunSession {
    this.requireRun(runId);
    const session = this.sessions.get(runId);
    if (!session?.isExecuting) fail('conflict', text('error.run.notRunning', { run: runId }));
    return session;
  }

  /** The run's session; after a restart its step kinds are prepared again from the stored source. */
  private async sessionFor(runId: string, prepared?: PreparedSession, concurrency = defaultStepConcurrency): Promise<RunSession> {
    if (this.closed) fail('conflict', text('error.run.shuttingDown'));
    const existing = this.sessions.get(runId);
    if (existing) return existing;
    if (!prepared) {
      const source = runSourceSchema.safeParse(this.requireRun(runId).source);
      if (!source.success) fail('internal', `Run ${runId} has a source this version cannot read.`);
      prepared = await prepareRun(source.data, this.runDeps());
    }
    const { kinds, usageSources } = prepared;
    const session = new RunSession({ runId, store: this.store, kinds, concurrency, redactor: this.redactor, emit: this.emit, ...(usageSources ? { usageSources } : {}), ...(this.options.usageIntervalMs ? { usageIntervalMs: this.options.usageIntervalMs } : {}) });
    this.sessions.set(runId, session);
    return session;
  }

  /** The run's step kinds, prepared again from its stored source (a workbook is read again for its secrets, as on resume). */
  private async kindsOf(runId: string): Promise<PreparedKinds> {
    const source = runSourceSchema.safeParse(this.requireRun(runId).source);
    if (!source.success) fail('internal', `Run ${runId} has a source this version cannot read.`);
    const prepare = () => prepareRun(source.data, this.runDeps());
    if (source.data.kind !== 'workbook' || !source.data.lab) return (await prepare()).kinds;
    // A rehearsal's lab is started (never reset) in the same queue as rehearsal starts.
    const turn = this.labStarts.then(prepare);
    this.labStarts = turn.catch(() => undefined);
    return (await turn).kinds;
  }

  private async previewRollback(runId: string) {
    refuseRollback(this.store, runId, true);
    return previewRollback(this.store, runId, await this.kindsOf(runId), this.providers);
  }

  /**
   * Undoes what the run's steps made (see runRollback). Refused while the run
   * executes; a settled session of the run goes first, so no step can be
   * retried over what the rollback removes.
   */
  private async rollBack(runId: string, force: boolean) {
    if (this.closed) fail('conflict', text('error.run.shuttingDown'));
    if (this.rollbacks.has(runId)) fail('conflict', text('service.rollback.already', { run: runId }));
    if (this.sessions.get(runId)?.isExecuting) fail('conflict', text('service.rollback.running', { run: runId }), { hint: text('service.rollback.runningHint') });
    refuseRollback(this.store, runId, force);
    this.rollbacks.set(runId, 'preparing');
    let rollback: RunRollback;
    try {
      const kinds = await this.kindsOf(runId);
      if (this.closed) fail('conflict', text('error.run.shuttingDown'));
      if (this.sessions.get(runId)?.isExecuting) fail('conflict', text('service.rollback.running', { run: runId }), { hint: text('service.rollback.runningHint') });
      refuseRollback(this.store, runId, force);
      await this.sessions.get(runId)?.close();
      this.sessions.delete(runId);
      rollback = new RunRollback({ runId, store: this.store, kinds, providers: this.providers, concurrency: defaultStepConcurrency, redactor: this.redactor, emit: this.emit });
      this.rollbacks.set(runId, rollback);
    } catch (cause) {
      this.rollbacks.delete(runId);
      throw cause;
    }
    try {
      return await rollback.start();
    } finally {
      if (this.rollbacks.get(runId) === rollback) this.rollbacks.delete(runId);
    }
  }

  private runDeps() {
    return { store: this.store, redactor: this.redactor, lab: this.options.lab, providers: this.providers, secrets: this.secrets };
  }

  private launch(session: RunSession): void {
    // The run's outcome is persisted by the session; nothing awaits it here.
    void session.start().catch(() => undefined);
  }

  private async startRun(source: RunSource, concurrency: number, labMode: LabMode | undefined) {
    // Also refuses a lab mode on anything but a rehearsal, before any work.
    const fresh = startsFreshLab(source, labMode);
    if (source.kind !== 'workbook' || !source.lab) return this.createAndLaunch(source, concurrency);
    // Rehearsals start one at a time: a reset must not land between another start's preparation and its first step.
    const turn = this.labStarts.then(async () => {
      if (this.closed) fail('conflict', text('error.run.shuttingDown'));
      if (fresh) await resetLabForRehearsal(this.store, this.options.lab);
      return this.createAndLaunch(source, concurrency);
    });
    this.labStarts = turn.catch(() => undefined);
    return turn;
  }

  private async createAndLaunch(source: RunSource, concurrency: number) {
    if (this.closed) fail('conflict', text('error.run.shuttingDown'));
    const graph = await prepareRun(source, this.runDeps());
    const active = this.store.findActiveRun(graph.environment);
    if (active) {
      fail('run_active', text('error.run.active', { run: active.id, state: text(`state.${active.state}`), environment: graph.environment }), {
        hint: text(active.state === 'interrupted' ? 'error.run.activeInterruptedHint' : 'error.run.activeHint'),
      });
    }
    const runId = `${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    this.store.createRun(
      { id: runId, planName: graph.planName, environment: graph.environment, source, createdAt: Date.now() },
      graph.steps,
    );
    this.launch(await this.sessionFor(runId, graph, concurrency));
    if (source.kind === 'workbook') void this.wizard.recordRecentFile(source.path);
    return { runId };
  }

  private async resumeRun(runId: string) {
    const run = this.requireRun(runId);
    const session = this.sessions.get(runId);
    if (run.state === 'paused' && session) {
      session.resume();
    } else if (run.state === 'interrupted') {
      if (this.store.getSteps(runId).some((step) => step.undo !== undefined)) {
        fail('conflict', text('service.resume.midRollback', { run: runId }), { hint: text('service.resume.midRollbackHint') });
      }
      this.launch(await this.sessionFor(runId));
    } else {
      fail('conflict', text('error.run.notResumable', { run: runId, state: text(`state.${run.state}`) }));
    }
    return {};
  }

  /**
   * A running or paused run is cancelled by its runner (awaited, so the reply
   * tells the truth); an interrupted one has no runner and is closed here. Either
   * way the environment is free for a new run, and what the steps created stays.
   */
  private async cancelRun(runId: string) {
    const run = this.requireRun(runId);
    const session = this.sessions.get(runId);
    if (session?.isExecuting) {
      await session.cancel();
    } else if (run.state === 'interrupted') {
      this.closeInterrupted(runId);
    } else {
      fail('conflict', text('error.run.notCancellable', { run: runId, state: text(`state.${run.state}`) }), { hint: text('error.run.notCancellableHint') });
    }
    return { resources: listCreatedResources(this.store, runId, this.providers) };
  }

  private closeInterrupted(runId: string): void {
    const at = Date.now();
    const open = this.store.getSteps(runId).filter((step) => !finalStepStates.has(step.state));
    const events = this.store.commit(runId, {
      run: { state: 'cancelled', endedAt: at },
      steps: Object.fromEntries(open.map((step) => [step.id, { state: 'cancelled', endedAt: at }])),
      events: [
        ...open.map((step) => ({ type: 'step.state' as const, runId, at, stepId: step.id, state: 'cancelled' as const, attempt: step.attempt, error: null })),
        { type: 'run.state', runId, at, state: 'cancelled', error: null },
      ],
    });
    // As when a session settles: reserved IDs no VM took go back; created VMs keep theirs.
    this.store.releaseReservationsOfRun(runId);
    this.emit(events);
  }

  private async changeStep(runId: string, change: (session: RunSession) => Promise<void> | undefined) {
    const run = this.requireRun(runId);
    if (run.state === 'cancelled' || run.state === 'interrupted') {
      fail('conflict', text('error.run.resumeFirst', { run: runId, state: text(`state.${run.state}`) }));
    }
    if (run.state === 'rolling_back' || run.state === 'rolled_back' || run.state === 'rollback_failed' || this.rollbacks.has(runId)) {
      fail('conflict', text('service.steps.rolledBack', { run: runId, state: text(`state.${run.state}`) }));
    }
    const session = await this.sessionFor(runId);
    const restarted = change(session);
    void restarted?.catch(() => undefined);
    return {};
  }
}
