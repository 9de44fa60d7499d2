import { accessSync, constants, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ContractHandlers } from '../../../shared/contract/api';
import { runSourceSchema } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { importPlan, planToJson } from '../plan/importPlan';
import { defaultResultsPath } from '../plan/writeBack/resultsPath';
import type { ProviderRegistry } from '../providers/registry';
import type { RunStore } from '../store';
import { collectRunResults } from './runResults';
import type { EngineOptions } from './types';

type PlanChannels = 'plan:import' | 'plan:template' | 'plan:writeResults' | 'lab:start' | 'lab:stop' | 'lab:status';

const withoutPassword = ({ kind, url, username, fingerprint }: { kind: string; url: string; username: string; fingerprint: string }) => ({
  kind,
  url,
  username,
  fingerprint,
});

function isWritableDir(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Next to the workbook, as engineers expect; but the bundled sample (read-only
 * in an installed app) and folders we cannot write get their results in the
 * data folder's exports.
 */
export function resultsPathFor(sourcePath: string, runId: string, options: Pick<EngineOptions, 'dataDir' | 'samplePlanDir'>): string {
  const beside = defaultResultsPath(sourcePath, runId);
  const dir = dirname(resolve(sourcePath));
  const isSample = options.samplePlanDir !== undefined && resolve(options.samplePlanDir) === dir;
  if (!isSample && isWritableDir(dir)) return beside;
  const exports = join(options.dataDir, 'exports');
  mkdirSync(exports, { recursive: true });
  return join(exports, basename(beside));
}

/** Workbook and lab channels: no run state, so they live apart from the run handlers. */
export function planHandlers(store: RunStore, options: Pick<EngineOptions, 'lab' | 'dataDir' | 'samplePlanDir'>, providers: ProviderRegistry): Pick<ContractHandlers, PlanChannels> {
  const lab = options.lab;
  const requireLab = () => lab ?? fail('unsupported', text('service.lab.none'));
  return {
    'plan:import': async ({ path, profile, lang }) => {
      const result = await importPlan(path, { profile, lang, hashes: store.fileHashes, providerKinds: providers.kinds });
      return { profile: result.profile, summary: result.summary, findings: result.findings, plan: result.plan ? planToJson(result.plan) : null };
    },
    'plan:template': async ({ path, lang, overwrite }) => {
      // exceljs's writer is loaded when first used, not when an engine starts.
      const { writeTemplate } = await import('../plan/template/writeTemplate');
      await writeTemplate(path, { lang, overwrite });
      return { path };
    },
    'plan:writeResults': async ({ runId, path, overwrite, lang }) => {
      const run = store.getRun(runId) ?? fail('not_found', text('error.run.none', { run: runId }));
      const source = runSourceSchema.safeParse(run.source);
      if (!source.success || source.data.kind !== 'workbook') {
        fail('unsupported', text('service.results.notWorkbook', { run: runId }));
      }
      const imported = await importPlan(source.data.path, { profile: source.data.profile, lang, verifyChecksums: false, providerKinds: providers.kinds });
      const { writeResults } = await import('../plan/writeBack/writeResults');
      const written = await writeResults({
        sourcePath: source.data.path,
        outPath: path ?? resultsPathFor(source.data.path, runId, options),
        results: collectRunResults(store, runId, providers, lang),
        findings: imported.findings,
        lang,
        overwrite,
      });
      return { path: written.outPath };
    },
    'lab:start': async () => ({ endpoints: (await requireLab().ensureStarted()).map(withoutPassword) }),
    'lab:stop': async () => {
      await requireLab().stop();
      return {};
    },
    'lab:status': () => {
      const endpoints = lab?.running() ?? null;
      return { running: endpoints !== null, endpoints: (endpoints ?? []).map(withoutPassword) };
    },
  };
}
