import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RunStore } from '../../engine/store';
import { TunnelPool } from '../../engine/ssh/tunnels';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { startOpenStackLab, type OpenStackLab as Simulator } from '../../lab/openstack';
import type { OpenStackTarget } from './conformanceClient';
import { refusedUploadScenario, runScenario, type Observation } from './scenario';

/*
 * The simulator is kept honest here: the same calls go to it and to the real
 * OpenStack lab (through its bastion), and every answer must agree in status,
 * envelope, field names and types, and the values that are not random. When
 * they differ, the simulator is the bug.
 */

const skip = openStackLabSkipReason();
if (skip) console.warn(`OpenStack conformance tests skipped: ${skip}`);

describe.skipIf(skip)('the OpenStack simulator answers like the real OpenStack lab', () => {
  let real: OpenStackLab;
  let simulator: Simulator;
  let store: RunStore;
  let pool: TunnelPool;
  let fromReal: Record<string, Observation>;
  let fromSimulator: Record<string, Observation>;

  beforeAll(async () => {
    [real, simulator] = await Promise.all([useOpenStackLab(), startOpenStackLab({ buildMs: 300 })]);
    store = openStore(':memory:');
    pool = new TunnelPool({ store });
    const throughBastion = async (url: string) => {
      const target = new URL(url);
      const lease = await pool.acquire({ chain: [real.bastionHop('key')], host: target.hostname, port: Number(target.port) });
      target.host = `127.0.0.1:${lease.localPort}`;
      return target.toString();
    };
    const realTarget: OpenStackTarget = { label: 'real lab', authUrl: real.authUrl, ...real.admin, reach: throughBastion };
    const simulatorTarget: OpenStackTarget = { label: 'simulator', authUrl: simulator.authUrl, username: simulator.username, password: simulator.password, project: simulator.project, domain: simulator.domain, reach: async (url) => url };
    [fromReal, fromSimulator] = await Promise.all([runScenario(realTarget), runScenario(simulatorTarget)]);
    // Direct uploads refused: on the real lab by Glance's policy for a member (demo), on the simulator by its fault.
    await real.setDirectUpload(false);
    simulator.faults.add([{ kind: 'directUploadRefused' }]);
    try {
      const [realRefused, simulatorRefused] = await Promise.all([refusedUploadScenario({ ...realTarget, ...real.demo }), refusedUploadScenario(simulatorTarget)]);
      Object.assign(fromReal, realRefused);
      Object.assign(fromSimulator, simulatorRefused);
    } finally {
      await real.setDirectUpload(true);
      simulator.faults.clear();
    }
  }, 30 * 60_000);

  afterAll(async () => {
    pool?.close();
    store?.close();
    await simulator?.close();
    releaseOpenStackLab();
  });

  it('makes the same calls on both', () => {
    expect(Object.keys(fromSimulator)).toEqual(Object.keys(fromReal));
  });

  it('agrees on every answer', () => {
    for (const [call, observed] of Object.entries(fromReal)) {
      expect.soft(fromSimulator[call], call).toEqual(observed);
    }
  });
});
