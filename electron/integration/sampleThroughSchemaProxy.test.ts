import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabController } from '../hostShared/lab/labController';
import { useSampleRehearsal } from './sampleRehearsalKit';
import { proxiedLabController, type SchemaProxy } from './pveProxy/proxy';

// The sample plan's lab rehearsal, with the engine talking to the lab through
// the schema proxy: an independent check of every request (official PVE
// schema, pveproxy's upload shape) next to the lab's own validation.
const proxies: SchemaProxy[] = [];
const lab = proxiedLabController(createLabController(), proxies);
const { dir, value } = useSampleRehearsal(lab, 'rp-proxy-rehearsal-');

describe('the sample plan rehearsed through the schema proxy', () => {
  it('deploys with every request accepted by the official schema, ISO upload included', async () => {
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: join(dir, 'site', 'sample-plan.en.xlsx'), lab: true } });
    let run: any;
    for (let i = 0; i < 600; i++) {
      run = await value('run:get', { runId });
      if (['succeeded', 'failed', 'cancelled'].includes(run.state)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(run.steps.filter((step: any) => step.state !== 'succeeded').map((step: any) => `${step.id}: ${step.error?.title}`)).toEqual([]);
    expect(run.steps.some((step: any) => step.id.startsWith('image.upload:'))).toBe(true);
    expect(proxies).toHaveLength(1);
    expect(proxies[0]!.requests).toBeGreaterThan(50);
    expect(proxies[0]!.violations).toEqual([]);
  });
});
