import type { ContractHandlers } from '../../../shared/contract/api';
import { runSourceSchema } from '../../../shared/contract/channels';
import { fail } from '../../../shared/errors';
import { importPlan, planToJson } from '../plan/importPlan';
import { writeTemplate } from '../plan/template/writeTemplate';
import { writeResults } from '../plan/writeBack/writeResults';
import type { RunStore } from '../store';
import { collectRunResults } from './runResults';
import type { LabController } from './types';

type PlanChannels = 'plan:import' | 'plan:template' | 'plan:writeResults' | 'lab:start' | 'lab:stop' | 'lab:status';

const withoutPassword = ({ kind, url, username, fingerprint }: { kind: string; url: string; username: string; fingerprint: string }) => ({
  kind,
  url,
  username,
  fingerprint,
});

/** Workbook and lab channels: no run state, so they live apart from the run handlers. */
export function planHandlers(store: RunStore, lab: LabController | undefined): Pick<ContractHandlers, PlanChannels> {
  const requireLab = () => lab ?? fail('unsupported', 'This host has no built-in lab.');
  return {
    'plan:import': async ({ path, profile, lang }) => {
      const result = await importPlan(path, { profile, lang });
      return { profile: result.profile, summary: result.summary, findings: result.findings, plan: result.plan ? planToJson(result.plan) : null };
    },
    'plan:template': async ({ path, lang, overwrite }) => {
      await writeTemplate(path, { lang, overwrite });
      return { path };
    },
    'plan:writeResults': async ({ runId, path, overwrite, lang }) => {
      const run = store.getRun(runId) ?? fail('not_found', `There is no run with id ${runId}.`);
      const source = runSourceSchema.safeParse(run.source);
      if (!source.success || source.data.kind !== 'workbook') {
        fail('unsupported', `Run ${runId} did not come from a workbook, so there is nothing to write back into.`);
      }
      const imported = await importPlan(source.data.path, { profile: source.data.profile, lang, verifyChecksums: false });
      const written = await writeResults({
        sourcePath: source.data.path,
        ...(path ? { outPath: path } : {}),
        results: collectRunResults(store, runId),
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
