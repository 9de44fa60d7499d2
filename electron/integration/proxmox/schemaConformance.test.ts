import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteVm, findVmNode, ProxmoxClient, resolveProxmoxEndpoint, shutdownVm, startVm, stopVm, suspendVm, type RecordedRequest } from '../../engine/providers/proxmox';
import { unlimitedLoad } from '../../engine/providers/proxmox/platformLoad';
import { testEndpoint, testImage, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { validateParameters, validateRequest } from '../../lab/proxmox';
import type { PropSchema } from '../../lab/proxmox/schema/types';
import { runPlan, startRehearsal, type Rehearsal } from './harness';

/** The whole PVE API schema, for calls outside the lab's subset; kept beside the repository. */
const referenceSchema = resolve(__dirname, '../../../../shared/reference/proxmox-ve-api-schema.json');

interface SchemaNode {
  path: string;
  info?: Record<string, { parameters?: PropSchema }>;
  children?: SchemaNode[];
}

/** Validates against the full reference schema (path templates matched segment by segment). */
function validateAgainstReference(request: RecordedRequest): string | null {
  const roots = JSON.parse(readFileSync(referenceSchema, 'utf8')) as SchemaNode[];
  const segments = request.path.split('/');
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as SchemaNode;
    stack.push(...(node.children ?? []));
    const template = node.path.split('/');
    if (template.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const variable = /^\{(.+)\}$/.exec(part);
      if (variable) pathParams[variable[1] as string] = segments[index] as string;
      return variable !== null || part === segments[index];
    });
    const method = node.info?.[request.method];
    if (!matches || !method) continue;
    const result = validateParameters(method.parameters ?? {}, { ...request.params, ...pathParams });
    return result.ok ? null : JSON.stringify(result.errors);
  }
  return 'no such method in the reference schema';
}

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

describe('every request the Proxmox provider makes', () => {
  it('passes the schema validation of the lab (and of the full PVE schema where the lab has no such method)', async () => {
    rehearsal = await startRehearsal({
      haVmids: [9022],
      faults: [
        { kind: 'cloneLocked', vmid: 9010, count: 1 },
        { kind: 'taskFails', taskType: 'qmstart', node: 'pve2', count: 1 },
      ],
    });
    const data = randomBytes(128 * 1024);
    writeFileSync(join(rehearsal.dir, 'seed.iso'), data);
    writeFileSync(join(rehearsal.dir, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot used\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(rehearsal.dir, 'id_ed25519.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ+x/y= a@b\n');
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      images: [testImage({ name: 'seed', file: 'seed.iso', sha256: createHash('sha256').update(data).digest('hex') })],
      vms: [
        testVm({ name: 'alpha', image: 'seed', placement: ['pve2', 'pve1'], ip: '10.0.20.5', password: 'pw-1', sshKeyPath: 'id_ed25519', diskGiB: 20.5 }),
        testVm({ name: 'beta', os: 'windows', vmid: 3333 }),
      ],
    });

    const result = await runPlan(rehearsal, plan, 'run-schema');
    expect([...result.finalStates.values()].filter((entry) => entry.error)).toEqual([]);
    expect(result.outcome).toBe('succeeded');

    const requests = rehearsal.requests;
    const control = new ProxmoxClient({ endpoint: resolveProxmoxEndpoint(plan.endpoints[0]!), trust: rehearsal.store, onRequest: (request) => requests.push(request) });
    const ctx = { client: control, signal: new AbortController().signal, log: () => undefined, load: unlimitedLoad };
    try {
      const node = await findVmNode(ctx, 3333);
      expect(node).not.toBeNull();
      await startVm(ctx, node as string, 3333);
      await suspendVm(ctx, node as string, 3333);
      await stopVm(ctx, node as string, 3333);
      await startVm(ctx, node as string, 3333);
      await shutdownVm(ctx, node as string, 3333, 30);
      await deleteVm(ctx, node as string, 3333);
      await deleteVm(ctx, 'pve3', 9022);
    } finally {
      control.close();
    }
    expect(rehearsal.lab.proxmox.snapshot().vms.map((vm) => vm.vmid)).not.toContain(3333);
    expect(rehearsal.lab.proxmox.snapshot().vms.map((vm) => vm.vmid)).not.toContain(9022);

    const templates = new Set<string>();
    const violations: string[] = [];
    const outsideLab = new Set<string>();
    for (const request of requests) {
      const check = validateRequest(request.method, request.path, request.params);
      if (check.ok) {
        templates.add(check.template);
        continue;
      }
      if (check.status === 501) {
        outsideLab.add(`${request.method} ${request.path}`);
        const problem = existsSync(referenceSchema) ? validateAgainstReference(request) : null;
        if (problem) violations.push(`${request.method} ${request.path}: ${problem}`);
        continue;
      }
      violations.push(`${request.method} ${request.path} ${JSON.stringify(request.params)}: ${JSON.stringify(check.errors)}`);
    }
    expect(violations).toEqual([]);
    // Only the node-address lookup for uploads is outside what the lab implements.
    expect([...outsideLab]).toEqual(['GET /cluster/status']);
    for (const call of [
      'POST /access/ticket',
      'POST /nodes/{node}/qemu/{vmid}/clone',
      'POST /nodes/{node}/qemu/{vmid}/config',
      'PUT /nodes/{node}/qemu/{vmid}/resize',
      'POST /nodes/{node}/qemu/{vmid}/status/start',
      'POST /nodes/{node}/qemu/{vmid}/status/shutdown',
      'POST /nodes/{node}/qemu/{vmid}/status/suspend',
      'POST /nodes/{node}/qemu/{vmid}/status/stop',
      'DELETE /nodes/{node}/qemu/{vmid}',
      'POST /nodes/{node}/storage/{storage}/upload',
      'GET /nodes/{node}/tasks/{upid}/log',
      'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
    ]) {
      expect(templates).toContain(call);
    }
  });
});
