import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingLangs } from '../../shared/plan/findingCodes';
import { hasResultFieldLabel, resultFieldLabel } from '../../shared/i18n/resultFields';
import { createLabController } from '../hostShared/lab/labController';
import { useSampleRehearsal } from './sampleRehearsalKit';

/*
 * Every field a provider's steps report (the Report's Results, the HTML
 * report, the results workbook) has a label in every language: the sample
 * plans are rehearsed on the lab's simulators, and each field `run:results`
 * gives for them must be in the shared label map. A provider that starts
 * recording a new field fails here until the field is labelled.
 */

const lab = createLabController();
const { dir, value } = useSampleRehearsal(lab, 'rp-result-fields-');

async function settle(runId: string) {
  for (let i = 0; i < 1800; i++) {
    const run = await value('run:get', { runId });
    if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rehearsal did not finish');
}

async function reportedFields(workbook: string): Promise<string[]> {
  const { runId } = await value('run:start', { source: { kind: 'workbook', path: join(dir, 'site', workbook), lab: true } });
  const run = await settle(runId);
  expect(run.state, workbook).toBe('succeeded');
  const { items } = await value('run:results', { runId });
  return [...new Set((items as Array<{ fields: Record<string, string> }>).flatMap((item) => Object.keys(item.fields)))].sort();
}

describe('result field labels', () => {
  for (const [provider, workbook, expected] of [
    ['SmartX', 'sample-smartx.xlsx', ['vmUuid', 'isoSha256', 'httpStatus', 'certificateSha256']],
    ['OpenStack', 'sample-openstack.en.xlsx', ['serverId', 'networkId']],
    ['Proxmox', 'sample-plan.en.xlsx', ['vmid', 'node']],
    ['vSphere', 'sample-vsphere.en.xlsx', ['moref']],
  ] as const) {
    it(`names every field the ${provider} sample's rehearsal reports, in every language`, async () => {
      const fields = await reportedFields(workbook);
      expect(fields).toEqual(expect.arrayContaining([...expected]));
      expect(fields.filter((field) => !hasResultFieldLabel(field))).toEqual([]);
      // Chinese says what a field is in words of its own (an id such as `vmUuid` never shows as itself).
      for (const lang of findingLangs) for (const field of fields) expect(resultFieldLabel(lang, field), `${lang} ${field}`).not.toBe(field);
    }, 300_000);
  }
});
