import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { root } from './workbooks';

/**
 * The Proxmox lab as its own process (`rackpilot lab start`), standing in
 * for a real cluster the plan points at: the web host's engine reaches it
 * like any endpoint, with trust on first use. The admin API (faults,
 * templates) is reached with the token the lab prints.
 */
export interface LabProcess {
  url: string;
  host: string;
  port: number;
  username: string;
  password: string;
  fingerprint: string;
  admin: { url: string; token: string };
  /** POST /__lab/<path> with a JSON body; resolves with the parsed reply. */
  post(path: string, body: unknown): Promise<unknown>;
  /** DELETE /__lab/<path> (e.g. `faults`: the cluster is well again). */
  delete(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

const startupMs = 30_000;

/** The one JSON line of `rackpilot lab start --json` (the interface scripts rely on), once it is complete. */
function parseOutput(text: string): Omit<LabProcess, 'post' | 'delete' | 'stop'> | null {
  const line = text.split('\n').find((candidate, index, lines) => index < lines.length - 1 && candidate.startsWith('{'));
  if (!line) return null;
  const endpoint = (JSON.parse(line) as { endpoints: Array<Omit<LabProcess, 'host' | 'port' | 'post' | 'delete' | 'stop'> & { kind: string }> }).endpoints.find(
    (candidate) => candidate.kind === 'proxmox',
  );
  if (!endpoint) return null;
  const parsed = new URL(endpoint.url);
  const { url, username, password, fingerprint, admin } = endpoint;
  return { url, host: parsed.hostname, port: Number(parsed.port), username, password, fingerprint, admin };
}

/** Admin calls pinned to the lab's own certificate (it is self-signed); no agent, so no resumed TLS session hides the certificate. */
function adminCall(lab: Omit<LabProcess, 'post' | 'delete' | 'stop'>, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const target = new URL(`${lab.admin.url}/${path.replace(/^\//, '')}`);
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method, agent: false, rejectUnauthorized: false, headers: { authorization: `Bearer ${lab.admin.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerCertificate();
        if (peer.fingerprint256 !== lab.fingerprint) return reject(new Error(`the lab at ${lab.url} presented another certificate`));
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`lab admin ${path}: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function startLabProcess(): Promise<LabProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin/rackpilot.mjs'), 'lab', 'start', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const info = await new Promise<Omit<LabProcess, 'post' | 'delete' | 'stop'>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab printed no address within ${startupMs} ms:\n${output}`)), startupMs);
    const handleData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const parsed = parseOutput(output);
      if (parsed) {
        clearTimeout(timer);
        resolve(parsed);
      }
    };
    child.stdout?.on('data', handleData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the lab exited (code ${code}) before printing its address:\n${output}`));
    });
  });
  return {
    ...info,
    post: (path, body) => adminCall(info, 'POST', path, body),
    delete: (path) => adminCall(info, 'DELETE', path),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Makes the lab look like the sample plan's cluster: its templates, storages and bridge on every node. */
export async function prepareForSample(lab: LabProcess): Promise<void> {
  await lab.post('prepare', {
    templates: [
      { name: 'tpl-ubuntu-2404', ostype: 'l26' },
      { name: 'tpl-centos-stream-9', ostype: 'l26' },
      { name: 'tpl-win2022', ostype: 'win11' },
    ],
    storages: ['ceph-vm', 'local'],
    bridges: ['vmbr0'],
  });
}

/** The sample's endpoint pointed at the lab, without a fingerprint: the first connection must ask. */
export function endpointCells(lab: LabProcess): [string, string, string | number | null][] {
  return [
    ['Endpoints', 'C2', lab.host],
    ['Endpoints', 'D2', lab.port],
    ['Endpoints', 'E2', lab.username],
    ['Endpoints', 'F2', lab.password],
    ['Endpoints', 'H2', null],
  ];
}

/** One call of the lab's Proxmox API (not its admin API), pinned to its certificate like adminCall. */
function proxmoxCall(lab: LabProcess, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body = ''): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/api2/json${path}`, lab.url), { method, agent: false, rejectUnauthorized: false, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      if ((res.socket as TLSSocket).getPeerCertificate().fingerprint256 !== lab.fingerprint) return reject(new Error(`the lab at ${lab.url} presented another certificate`));
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => (res.statusCode === 200 ? resolve((JSON.parse(text) as { data: unknown }).data) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The cluster's guests as its Proxmox API lists them (`GET /cluster/resources?type=vm`), logged in as the lab's user. */
export async function listGuests(lab: LabProcess): Promise<Array<{ vmid: number; name: string; template: boolean }>> {
  const form = new URLSearchParams({ username: lab.username, password: lab.password }).toString();
  const ticket = (await proxmoxCall(lab, 'POST', '/access/ticket', { 'content-type': 'application/x-www-form-urlencoded' }, form)) as { ticket: string };
  const rows = (await proxmoxCall(lab, 'GET', '/cluster/resources?type=vm', { cookie: `PVEAuthCookie=${encodeURIComponent(ticket.ticket)}` })) as Array<{ vmid: number; name?: string; template?: number }>;
  return rows.map((row) => ({ vmid: row.vmid, name: row.name ?? '', template: row.template === 1 }));
}
