import { describe, expect, it } from 'vitest';
import { nicsInPlanOrder, type ServerArtifact } from './serverStep';
import type { OsServerInput } from './steps';

describe("a server's NICs", () => {
  it("follow the plan's port order (eth0 first) whatever order Neutron finished making the ports in", () => {
    const input = { ports: [{ network: 'mgmt', ip: '10.0.0.5' }, { network: 'link-1-2', ip: null }, { network: 'link-1-3', ip: null }] } as unknown as OsServerInput;
    const artifact: ServerArtifact = {
      serverId: null,
      zone: null,
      ports: [
        { network: 'link-1-3', portId: 'p3' },
        { network: 'mgmt', portId: 'p1' },
        { network: 'link-1-2', portId: 'p2' },
      ],
    };
    expect(nicsInPlanOrder(input, artifact)).toEqual([{ port: 'p1' }, { port: 'p2' }, { port: 'p3' }]);
  });
});
