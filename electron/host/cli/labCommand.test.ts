import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it, onTestFinished } from 'vitest';
import { projectRoot } from './paths';

describe('rackpilot lab start --json', () => {
  it('prints one JSON line with a working Proxmox endpoint, then stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), 'lab', 'start', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const { endpoints } = JSON.parse(first) as { endpoints: Array<Record<string, string>> };
    expect(endpoints).toHaveLength(1);
    const endpoint = endpoints[0]!;
    expect(Object.keys(endpoint).sort()).toEqual(['admin', 'fingerprint', 'kind', 'password', 'url', 'username']);
    expect(endpoint.kind).toBe('proxmox');
    expect(endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    // The printed credentials log in; the certificate presented is the one printed.
    const login = await new Promise<{ status: number; fingerprint: string; body: string }>((resolve, reject) => {
      const body = new URLSearchParams({ username: endpoint.username!, password: endpoint.password! }).toString();
      const req = request(
        `${endpoint.url}/api2/json/access/ticket`,
        { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(login.status).toBe(200);
    expect(login.fingerprint).toBe(endpoint.fingerprint);
    expect(JSON.parse(login.body).data.ticket).toMatch(/^PVE:/);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
