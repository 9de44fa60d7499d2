import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyPlatformSample, root } from './support/workbooks';
import { walkScreens } from './support/walkScreens';
import { expect, test } from './webhost.fixture';

/*
 * The OpenStack and vCenter samples rehearsed in Chinese: what their
 * providers say (preflight checks, step titles, Rackpilot's log lines, the
 * report's results) is read on every screen for English sentences.
 */

const vcsimBuilt = existsSync(join(root, 'build/vcsim/vcsim-lab'));
const samples = [
  // The service types of Keystone's catalog are the cloud's own words.
  { platform: 'OpenStack', file: 'sample-openstack.en.xlsx', runs: true, dataNames: ['compute', 'identity', 'image', 'network'] },
  { platform: 'vCenter', file: 'sample-vsphere.en.xlsx', runs: vcsimBuilt || process.env.RACKPILOT_REQUIRE_VCSIM === '1', dataNames: [] },
];

for (const sample of samples) {
  test(`in zh, the ${sample.platform} sample's rehearsal shows no English sentence on any screen`, async ({ page, webHost, workdir, shot }) => {
    test.skip(!sample.runs, 'vcsim-lab is not built: npm run build:vcsim');
    test.setTimeout(240_000);
    const workbook = await copyPlatformSample(workdir, sample.file, 'site.xlsx');
    const all = new Set(['validate', 'connect', 'review', 'deploy', 'report', 'history']);
    const found = await walkScreens(page, { language: 'zh', workbook, url: webHost.url, sentencesOn: all, dataNames: sample.dataNames, onScreen: (screen) => shot(`zh-${screen}`) });
    expect(found).toEqual({});
  });
}
