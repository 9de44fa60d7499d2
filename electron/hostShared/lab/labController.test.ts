import { describe, expect, it, onTestFinished } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { findVcsimBinary } from '../../lab/vsphere/binary';
import { SoapTestClient } from '../../lab/vsphere/soapTestClient';
import { chineseOf, englishLeft } from '../../integration/englishLeft';
import { createLabController } from './labController';

const preparation = { datacenter: 'Site1', clusters: [{ name: 'Prod' }], datastores: [{ name: 'ds1' }], networks: [], folders: [], resourcePools: [], templates: [] };

describe('the lab controller and the vCenter simulator', () => {
  it('refuses a vCenter rehearsal where vcsim-lab is not built, saying how to build it', async () => {
    const lab = createLabController({ vsphere: { binary: '/nonexistent/vcsim-lab' } });
    onTestFinished(() => lab.stop());
    const refused = await lab.ensureStarted([{ kind: 'vsphere', preparation }]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).appError).toMatchObject({ code: 'unsupported', hint: expect.stringContaining('npm run build:vcsim') });
    // Rackpilot's words in Chinese; how to build the simulator is the lab's own sentence, kept as it said it.
    const chinese = chineseOf((refused as AppFailure).appError);
    expect(chinese).toEqual({ title: '此版本无法演练 vsphere 端点。', hint: (refused as AppFailure).appError.hint });
    const unknown = await lab.ensureStarted([{ kind: 'hyperv', preparation } as never]).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(AppFailure);
    const noSimulator = chineseOf((unknown as AppFailure).appError);
    expect(noSimulator.title).toBe('实验室没有 hyperv 端点的模拟器。');
    expect(noSimulator.hint).toMatch(/^它模拟的是 .*proxmox.*；其他端点请在测试系统上演练。$/);
    expect(englishLeft(`${noSimulator.title} ${noSimulator.hint}`, ['hyperv'])).toEqual([]);
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
