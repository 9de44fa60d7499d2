import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TLSSocket } from 'node:tls';
import ssh2 from 'ssh2';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findVcsimBinary } from '../../lab/vsphere/binary';
import { projectRoot } from './paths';

describe('rackpilot lab start --json', () => {
  it('prints one JSON line with working Proxmox and SSH endpoints, then stops cleanly on SIGTERM', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rackpilot-lab-'));
    onTestFinished(() => rm(home, { recursive: true, force: true }));
    const child = spawn(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), 'lab', 'start', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RACKPILOT_HOME: home } });
    onTestFinished(() => void child.kill('SIGKILL'));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const { endpoints, unavailable } = JSON.parse(first) as { endpoints: Array<Record<string, string>>; unavailable: Array<{ kind: string; reason: string }> };
    // vCenter is announced when vcsim-lab is built, and otherwise listed with the reason (never left out silently).
    expect([...endpoints, ...unavailable].map((candidate) => candidate.kind).sort()).toEqual(['cloudtower', 'openstack', 'proxmox', 'smartx', 'ssh', 'vsphere']);
    if (findVcsimBinary({}).path) expect(endpoints.find((candidate) => candidate.kind === 'vsphere')).toMatchObject({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
    else expect(unavailable.find((candidate) => candidate.kind === 'vsphere')?.reason).toMatch(/build:vcsim|vcsim-lab/);
    const endpoint = endpoints.find((candidate) => candidate.kind === 'proxmox')!;
    expect(Object.keys(endpoint).sort()).toEqual(['admin', 'fingerprint', 'kind', 'password', 'url', 'username']);
    expect(endpoint.kind).toBe('proxmox');
    expect(endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // OpenStack is announced by its Keystone v3 URL (plain HTTP, as the real lab), and its credentials log in.
    const openstack = endpoints.find((candidate) => candidate.kind === 'openstack')!;
    expect(openstack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
    const keystone = await fetch(`${openstack.url}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: openstack.username, domain: { name: 'Default' }, password: openstack.password } } }, scope: { project: { name: 'admin', domain: { name: 'Default' } } } } }),
    });
    expect(keystone.status).toBe(201);

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

    // The SSH lab: its printed account logs in, on the host key whose fingerprint was printed.
    const ssh = endpoints.find((candidate) => candidate.kind === 'ssh')!;
    expect(Object.keys(ssh).sort()).toEqual(['fingerprint', 'kind', 'password', 'url', 'username']);
    expect(ssh.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const sshUrl = new URL(ssh.url!);
    expect(sshUrl.protocol).toBe('ssh:');
    expect(sshUrl.hostname).toBe('127.0.0.1');
    const greeting = await new Promise<{ hostKey: string; output: string }>((resolve, reject) => {
      const client = new ssh2.Client();
      let hostKey = '';
      client.on('error', reject);
      client.on('ready', () =>
        client.exec('echo lab-ok', (error, channel) => {
          if (error) return reject(error);
          let output = '';
          channel.on('data', (chunk: Buffer) => (output += chunk.toString()));
          channel.on('close', () => (client.end(), resolve({ hostKey, output })));
        }),
      );
      client.connect({
        host: sshUrl.hostname,
        port: Number(sshUrl.port),
        username: ssh.username!,
        password: ssh.password!,
        hostVerifier: (key: Buffer) => ((hostKey = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`), true),
      });
    });
    expect(greeting).toEqual({ hostKey: ssh.fingerprint, output: 'lab-ok\n' });

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('lists vsphere as unavailable, saying how to build its simulator, when vcsim-lab is absent', async () => {
    const home = await mkdtemp(join(tmpdir(), 'rackpilot-lab-'));
    onTestFinished(() => rm(home, { recursive: true, force: true }));
    const env = { ...process.env, RACKPILOT_HOME: home, RACKPILOT_VCSIM: join(home, 'no-such-vcsim-lab') };
    const child = spawn(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), 'lab', 'start', '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env });
    onTestFinished(() => void child.kill('SIGKILL'));
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const { endpoints, unavailable } = JSON.parse(first) as { endpoints: Array<{ kind: string }>; unavailable: Array<{ kind: string; reason: string }> };
    expect(endpoints.map((endpoint) => endpoint.kind).sort()).toEqual(['cloudtower', 'openstack', 'proxmox', 'smartx', 'ssh']);
    expect(unavailable).toEqual([{ kind: 'vsphere', reason: expect.stringContaining('npm run build:vcsim') }]);
    expect(unavailable[0]!.reason).toMatch(/vCenter rehearsal needs the vcsim-lab binary/);
  });
});
