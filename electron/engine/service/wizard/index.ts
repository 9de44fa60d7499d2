import { dirname } from 'node:path';
import type { ContractHandlers } from '../../../../shared/contract/api';
import { runSourceSchema } from '../../../../shared/contract/channels';
import type { wizardChannels } from '../../../../shared/contract/wizardChannels';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { checkJumpHosts, runPreflight } from '../../preflight';
import type { RunStore } from '../../store';
import type { Redactor } from '../../util/redactor';
import type { EngineOptions, PushListener } from '../types';
import { loadWorkbookPlan, prepareWorkbookRun, type WorkbookRunDeps } from '../workbookRuns';
import { exportLogBundle } from './exportLogs';
import { exportRunReport } from './exportReport';
import { describeGraph } from './planGraph';
import { PlanWatcher } from './planWatcher';
import { SettingsFile } from './settingsFile';
import { acceptTrust, replaceTrust } from './trustAccept';
import { WorkbookUploads } from './uploads';

type WizardChannel = keyof typeof wizardChannels;

export interface WizardDeps {
  store: RunStore;
  options: Pick<EngineOptions, 'dataDir' | 'dialogs' | 'lab'>;
  redactor: Redactor;
  /** The engine's push feed ('plan:changed'). */
  push: PushListener;
  /** What a run's preparation needs; preflight and review prepare exactly as run:start does. */
  runDeps: () => WorkbookRunDeps;
  /** Runs executing now: a replaced trust pin is written into their logs. */
  executingRuns: () => string[];
}

export interface Wizard {
  handlers: Pick<ContractHandlers, WizardChannel>;
  /** run:start with a workbook calls this; failures are swallowed (a settings file problem never stops a run). */
  recordRecentFile(path: string): Promise<void>;
  /** Stops the file watch; the engine calls it on close. */
  dispose(): void;
}

/** Workbooks that unfinished runs still read: their import folders survive pruning. */
function foldersInUse(store: RunStore): Set<string> {
  const folders = new Set<string>();
  for (const run of store.listRuns({ limit: 10_000, states: ['pending', 'running', 'paused', 'interrupted'] })) {
    const source = runSourceSchema.safeParse(store.getRun(run.id)?.source);
    if (source.success && source.data.kind === 'workbook') folders.add(dirname(source.data.path));
  }
  return folders;
}

/** The channels the wizard needs beyond runs (see shared/contract/wizardChannels.ts). */
export function createWizard(deps: WizardDeps): Wizard {
  const { store, options, redactor } = deps;
  const settings = new SettingsFile(options.dataDir);
  const uploads = new WorkbookUploads(options.dataDir);
  const watcher = new PlanWatcher((path) => deps.push('plan:changed', { path }));
  const exportDeps = { store, redactor, dataDir: options.dataDir, providers: deps.runDeps().providers, language: async () => (await settings.get()).language };
  const prune = (): void => {
    let inUse: Set<string>;
    try {
      inUse = foldersInUse(store);
    } catch {
      return;
    }
    void uploads.prune((dir) => inUse.has(dir)).catch(() => undefined);
  };
  const noDialogs = (): never =>
    fail('unsupported', text('service.dialogs.none'), { hint: text('service.dialogs.noneHint') });
  prune();

  return {
    handlers: {
      'dialog:openWorkbook': async () => ({ path: options.dialogs ? await options.dialogs.openWorkbook() : noDialogs() }),
      'dialog:saveFile': async ({ suggestedName, kind }) => ({ path: options.dialogs ? await options.dialogs.saveFile(suggestedName, kind) : noDialogs() }),
      'plan:upload': (chunk) => {
        if (chunk.offset === 0) prune();
        return uploads.receive(chunk);
      },
      'plan:watch': async ({ path }) => {
        await watcher.watch(path);
        return {};
      },
      'plan:graph': async ({ plan, concurrency }) => {
        const runDeps = deps.runDeps();
        return describeGraph(await prepareWorkbookRun({ kind: 'workbook', ...plan }, runDeps, { requireSecrets: false }), concurrency, runDeps.providers, (lab) => store.pastStepDurations(lab));
      },
      'preflight:run': async ({ plan, endpoint, jumpHost }) => {
        const runDeps = deps.runDeps();
        const loaded = await loadWorkbookPlan({ kind: 'workbook', ...plan }, runDeps);
        const signal = AbortSignal.timeout(120_000);
        // One endpoint, or one jump host, or everything: a re-check after trusting a key touches nothing else.
        const [endpoints, jumpHosts] = await Promise.all([
          jumpHost !== undefined ? [] : runPreflight(loaded.plan, { trust: store, lab: plan.lab, endpoint, providers: runDeps.providers, signal }),
          endpoint !== undefined ? [] : checkJumpHosts(loaded.plan, { pins: store, lab: plan.lab, jumpHost, workbookDir: dirname(loaded.path), signal }),
        ]);
        return { endpoints, jumpHosts };
      },
      'trust:accept': (request) => {
        acceptTrust(store, request);
        return {};
      },
      'trust:replace': (request) => replaceTrust(store, request, deps.executingRuns),
      'trust:events': ({ limit }) => store.listTrustEvents(limit),
      'run:exportLogs': async ({ runId, path }) => ({ path: await exportLogBundle(exportDeps, runId, path) }),
      'run:exportReport': async ({ runId, path }) => ({ path: await exportRunReport(exportDeps, runId, path) }),
      'settings:get': () => settings.get(),
      'settings:set': (change) => settings.set(change),
    },
    recordRecentFile: (path) => settings.addRecentFile(path).then(() => undefined, () => undefined),
    dispose: () => watcher.dispose(),
  };
}
