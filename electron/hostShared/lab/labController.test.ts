import { describe, expect, it, onTestFinished } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { findVcsimBinary } from '../../lab/vsphere/binary';
import { SoapTestClient } from '../../lab/vsphere/soapTestClient';
import { createLabController } from './labController';

const preparation = { datacenter: 'Site1', clusters: [{ name: 'Prod' }], datastores: [{ name: 'ds1' }], networks: [], folders: [], resourcePools: [], templates: [] };

describe('the lab controller and the vCenter simulator', () => {
  it('refuses a vCenter rehearsal where vcsim-lab is not built, saying how to build it', async () => {
    const lab = createLabController({ vsphere: { binary: '/nonexistent/vcsim-lab' } });
    onTestFinished(() => lab.stop());
    const refused = await lab.ensureStarted([{ kind: 'vsphere', preparation }]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).appError).toMatchObject({ code: 'unsupported', hint: expect.stringContaining('npm run build:vcsim') });
    // A rehearsal without vCenter endpoints is not held back by it.
    const everything = (await lab.ensureStarted()).map((endpoint) => endpoint.kind);
    expect(everything).toContain('proxmox');
    expect(everything).not.toContain('vsphere');
  });

  it.skipIf(findVcsimBinary().path === null)('starts vcsim-lab for a vCenter rehearsal and has prepared it when ensureStarted resolves', async () => {
    const lab = createLabController();
    onTestFinished(() => lab.stop());
    const [endpoint] = await lab.ensureStarted([{ kind: 'vsphere', preparation }]);
    expect(endpoint).toMatchObject({ kind: 'vsphere', url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
    const soap = new SoapTestClient(`${endpoint!.url}/sdk`);
    await soap.connect();
    await soap.login(endpoint!.username, endpoint!.password);
    expect(await soap.find('Site1/host/Prod')).not.toBeNull();
    expect(soap.lastFingerprint).toBe(endpoint!.fingerprint);
  });
});
