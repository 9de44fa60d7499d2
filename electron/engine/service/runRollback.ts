import { say, text } from '../../../shared/i18n/engineText';
import type { KeptItem, RollbackItem, RollbackOutcome, RollbackPreview } from '../../../shared/contract/rollbackChannels';
import { appError, fail, toAppError } from '../../../shared/errors';
import { rollbackFromStates, type EngineEvent, type StepUndo } from '../../../shared/runModel';
import type { ProviderRegistry } from '../providers/registry';
import { Rollback, selectUndos, type RollbackStepView, type StepKind } from '../runner';
import type { RunStore } from '../store';
import type { StoredStep } from '../store/types';
import type { Redactor } from '../util/redactor';
import { RunRecorder } from './runRecorder';

/** Refuses a run a rollback cannot start on, naming its state and what would let it. */
export function refuseRollback(store: RunStore, runId: string, force: boolean): void {
  const run = store.getRun(runId);
  if (!run) fail('not_found', text('error.rollback.noRun', { runId }));
  if (run.state === 'succeeded' && !force) {
    fail('conflict', text('error.rollback.succeeded', { runId }), {
      hint: text('error.rollback.succeeded.hint'),
    });
  }
  if (run.state !== 'succeeded' && !rollbackFromStates.has(run.state)) {
    fail('conflict', text('error.rollback.notNow', { runId, state: run.state }), {
      hint: text(run.state === 'rolling_back' ? 'error.rollback.notNow.hintWait' : 'error.rollback.notNow.hintCancel'),
    });
  }
  const other = store.findActiveRun(run.environment);
  if (other && other.id !== runId) {
    fail('run_active', text('error.rollback.otherActive', { other: other.id, state: other.state, environment: run.environment }), {
      hint: text('error.rollback.otherActive.hint'),
    });
  }
}

function viewsOf(store: RunStore, runId: string): { steps: StoredStep[]; views: RollbackStepView[] } {
  const steps = store.getSteps(runId);
  const withArtifacts = new Set(store.listArtifacts(runId).map((artifact) => artifact.stepId));
  const views = steps.map((step) => ({
    spec: { id: step.id, kind: step.kind, title: step.title, target: step.target, deps: step.deps, input: step.input },
    state: step.state,
    hasArtifacts: withArtifacts.has(step.id),
    undo: step.undo,
  }));
  return { steps, views };
}

function itemsOf(store: RunStore, runId: string, steps: readonly StoredStep[], providers: ProviderRegistry): Map<string, RollbackItem> {
  const artifacts = store.listArtifacts(runId);
  return new Map(
    steps.map((step) => {
      const own = artifacts.filter((artifact) => artifact.stepId === step.id);
      const resources = own.length > 0 ? (providers.forStepKind(step.kind)?.createdResources(step, own) ?? []) : [];
      const { id, title, titleKey, titleParams, target } = step;
      return [id, { stepId: id, title, ...(titleKey ? { titleKey } : {}), ...(titleParams ? { titleParams } : {}), target, resources }];
    }),
  );
}

/** What a rollback of the run would remove now, read from the store (nothing is asked of a platform). */
export function previewRollback(store: RunStore, runId: string, kinds: Readonly<Record<string, StepKind>>, providers: ProviderRegistry): RollbackPreview {
  const run = store.getRun(runId);
  if (!run) fail('not_found', text('error.rollback.noRun', { runId }));
  const { steps, views } = viewsOf(store, runId);
  const selection = selectUndos(views, kinds);
  const items = itemsOf(store, runId, steps, providers);
  return {
    runId,
    state: run.state,
    needsForce: run.state === 'succeeded',
    undo: selection.undo.map((stepId) => items.get(stepId)!),
    // Only what stays on a platform is worth telling: a script that ran left nothing to list.
    kept: selection.kept.map(({ stepId, reason }): KeptItem => ({ ...items.get(stepId)!, reason })).filter((item) => item.resources.length > 0),
  };
}

export interface RunRollbackOptions {
  runId: string;
  store: RunStore;
  kinds: Readonly<Record<string, StepKind>>;
  providers: ProviderRegistry;
  concurrency: number;
  redactor: Redactor;
  emit: (events: EngineEvent[]) => void;
}

/*
 * One rollback held in memory while its undos run:
 *
 *   created ──start()──> rolling_back ──(every undo settled)──> rolled_back | rollback_failed
 *                              └──close()──> interrupted (rolling back again finishes it)
 */
export class RunRollback {
  private readonly recorder: RunRecorder;
  private readonly rollback: Rollback;
  private readonly before: RollbackPreview;
  private done: Promise<RollbackOutcome> | null = null;
  private closing = false;

  constructor(private readonly options: RunRollbackOptions) {
    const { runId, store, kinds, providers, concurrency, redactor, emit } = options;
    // What the steps made is read before their undos mark it gone: the outcome names it.
    this.before = previewRollback(store, runId, kinds, providers);
    this.recorder = new RunRecorder(runId, store, emit);
    const recorder = this.recorder;
    const hooks = {
      onUndo: (stepId: string, undo: StepUndo) => recorder.onUndo(stepId, undo),
      onProgress: recorder.onProgress.bind(recorder),
      onLog: recorder.onLog.bind(recorder),
      artifactsFor: recorder.artifactsFor.bind(recorder),
    };
    this.rollback = new Rollback({ runId, steps: viewsOf(store, runId).views, kinds, concurrency, hooks, redactor });
  }

  get preview(): RollbackPreview {
    return this.before;
  }

  /** Marks the run rolling back, runs the undos, and records how it ended; resolves with what was removed and what was not. */
  start(): Promise<RollbackOutcome> {
    this.done ??= this.execute();
    return this.done;
  }

  /** Stops the undos (the app is closing): the run is left interrupted, and rolling back again goes on from the record. */
  async close(): Promise<void> {
    this.closing = true;
    this.rollback.abort();
    await this.done?.catch(() => undefined);
    this.recorder.dispose();
  }

  private async execute(): Promise<RollbackOutcome> {
    const { runId, store } = this.options;
    this.recorder.setRunState({ state: 'rolling_back', error: null });
    const starting = text('log.rollback.start', { undo: this.before.undo.length, kept: this.before.kept.length });
    this.recorder.onLog(null, 'info', say('en', starting), starting);
    const items = new Map(this.before.undo.map((item) => [item.stepId, item]));
    let outcome: RollbackOutcome;
    try {
      const result = await this.rollback.start();
      if (result.aborted || this.closing) {
        this.recorder.setRunState({ state: 'interrupted' });
        fail('cancelled', text('error.rollback.stopped', { runId }), { hint: text('error.rollback.stopped.hint') });
      }
      const notRemoved = result.failed.map(({ stepId, error }) => ({ ...items.get(stepId)!, error }));
      const state = notRemoved.length === 0 ? 'rolled_back' : 'rollback_failed';
      outcome = { runId, state, removed: result.undone.map((stepId) => items.get(stepId)!), notRemoved, kept: this.before.kept };
    } catch (cause) {
      if (this.closing) throw cause;
      const error = toAppError(cause);
      this.recorder.setRunState({ state: 'rollback_failed', endedAt: Date.now(), error });
      throw cause;
    }
    const error =
      outcome.state === 'rolled_back'
        ? null
        : appError('step_failed', text('error.rollback.undoFailed', { count: outcome.notRemoved.length }), {
            hint: text('error.rollback.undoFailed.hint'),
          });
    this.recorder.setRunState({ state: outcome.state, endedAt: Date.now(), error });
    // Nothing the run reserved is needed any more once its work is gone.
    if (outcome.state === 'rolled_back') store.releaseReservationsOfRun(runId);
    this.recorder.dispose();
    return outcome;
  }
}
