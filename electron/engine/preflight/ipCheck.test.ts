import { describe, expect, it } from 'vitest';
import { checkIps, mapLimited } from './ipCheck';
import type { TcpOutcome, TcpProbe } from './types';

const silent: TcpOutcome = { state: 'closed', code: 'ETIMEDOUT', message: 'No answer.' };

describe('planned addresses', () => {
  it('are not probed in a lab rehearsal', async () => {
    const probe: TcpProbe = async () => {
      throw new Error('probed');
    };
    expect(await checkIps([{ ip: '10.0.0.5', vm: 'web-01' }], { lab: true, probe, ports: [22], timeoutMs: 500, parallel: 16 })).toMatchObject({ status: 'skipped', message: expect.stringContaining('fictional') });
  });

  it('are free when nothing answers on any port', async () => {
    const result = await checkIps([{ ip: '10.0.0.5', vm: 'web-01' }], { lab: false, probe: async () => silent, ports: [22, 3389], timeoutMs: 500, parallel: 16 });
    expect(result.status).toBe('ok');
  });

  it('warn, naming address, VM and port, when something answers or refuses', async () => {
    const probe: TcpProbe = async (ip, port) => (ip === '10.0.0.6' && port === 3389 ? { state: 'closed', code: 'ECONNREFUSED', message: 'refused' } : silent);
    const result = await checkIps(
      [
        { ip: '10.0.0.5', vm: 'web-01' },
        { ip: '10.0.0.6', vm: 'win-01' },
      ],
      { lab: false, probe, ports: [22, 3389], timeoutMs: 500, parallel: 16 },
    );
    expect(result.status).toBe('warning');
    expect(result.message).toContain('10.0.0.6 (win-01; port 3389)');
    expect(result.message).not.toContain('10.0.0.5');
  });

  it('keep at most the given number of probes in flight and pass the timeout on', async () => {
    let inFlight = 0;
    let most = 0;
    const timeouts = new Set<number>();
    const probe: TcpProbe = async (_ip, _port, timeoutMs) => {
      timeouts.add(timeoutMs);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return silent;
    };
    const ips = Array.from({ length: 40 }, (_, i) => ({ ip: `10.0.1.${i + 1}`, vm: `vm-${i}` }));
    await checkIps(ips, { lab: false, probe, ports: [22, 3389], timeoutMs: 500, parallel: 16 });
    expect(most).toBe(16);
    expect([...timeouts]).toEqual([500]);
  });

  it('mapLimited keeps the order of its items', async () => {
    expect(await mapLimited([3, 1, 2], 2, async (n) => n * 10)).toEqual([30, 10, 20]);
  });
});
