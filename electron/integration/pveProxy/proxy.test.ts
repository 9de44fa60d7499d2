import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startProxmoxLab, type ProxmoxLab } from '../../lab/proxmox';
import { LabClient, multipartUpload } from '../../lab/proxmox/testClient';
import { checkRequest } from './checkRequest';
import { startSchemaProxy, type SchemaProxy } from './proxy';
import { UploadShapeCheck } from './uploadShape';
import { fixturePath, referencePath, render, vendor } from './vendorSchema.mjs';

let lab: ProxmoxLab | null = null;
let proxy: SchemaProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  await lab?.close();
  proxy = lab = null;
});

const boundary = 'b0undary';
function shapeOf(parts: string[], file = 'name="filename"; filename="a.iso"'): UploadShapeCheck {
  const body = Buffer.from(
    `${parts.map((part) => `--${boundary}\r\nContent-Disposition: form-data; ${part}\r\n`).join('')}--${boundary}\r\nContent-Disposition: form-data; ${file}\r\n` +
      `Content-Type: application/octet-stream\r\n\r\nISO DATA\r\n--${boundary}--\r\n`,
  );
  const check = new UploadShapeCheck(`multipart/form-data; boundary=${boundary}`, body.length);
  for (let at = 0; at < body.length; at += 7) check.push(body.subarray(at, at + 7));
  check.end();
  return check;
}
const field = (name: string, value: string) => `name="${name}"\r\n\r\n${value}`;

describe('the schema proxy', () => {
  it('checks method, path, names, types, enums and required parameters against the official schema', () => {
    expect(checkRequest('GET', '/nodes/pve1/qemu', {})).toEqual([]);
    expect(checkRequest('POST', '/nodes/pve1/qemu/100/clone', { newid: 101, full: 1 })).toEqual([]);
    expect(checkRequest('POST', '/nodes/pve1/qemu/100/config', { net0: 'virtio,bridge=vmbr0' })).toEqual([]);
    expect(checkRequest('GET', '/nodes/pve1/nothing-here', {})).toEqual(['GET /nodes/pve1/nothing-here: no such method in the PVE API']);
    expect(checkRequest('POST', '/nodes/pve1/qemu/100/clone', { newid: 'abc', colour: 'red' })).toEqual([
      "POST /nodes/{node}/qemu/{vmid}/clone: newid: type check ('integer') failed - got 'abc'",
      'POST /nodes/{node}/qemu/{vmid}/clone: colour: property is not defined in schema and the schema does not allow additional properties',
    ]);
    expect(checkRequest('POST', '/nodes/pve1/qemu/100/clone', {})).toEqual(['POST /nodes/{node}/qemu/{vmid}/clone: newid: property is missing and it is not optional']);
    expect(checkRequest('GET', '/cluster/resources', { type: 'vms' })[0]).toMatch(/type: value 'vms' does not have a value in the enumeration/);
  });

  it('requires the upload fields in the order pveproxy reads them, before the file', () => {
    expect(shapeOf([field('content', 'iso'), field('checksum-algorithm', 'sha256'), field('checksum', 'ab')]).problems).toEqual([]);
    expect(shapeOf([field('content', 'iso'), field('checksum-algorithm', 'sha256'), field('checksum', 'ab')]).params).toEqual({
      content: 'iso', 'checksum-algorithm': 'sha256', checksum: 'ab', filename: 'a.iso',
    });
    expect(shapeOf([field('content', 'iso'), field('checksum', 'ab'), field('checksum-algorithm', 'sha256')]).problems).toEqual([
      "form field 'checksum-algorithm' comes after 'checksum'; pveproxy reads content, checksum-algorithm, checksum in this order",
    ]);
    expect(shapeOf([field('comment', 'x')]).problems).toEqual(["form field 'comment' is not one pveproxy reads before the file (content, checksum-algorithm, checksum)"]);
    expect(shapeOf([field('content', 'iso')], 'name="file"; filename="a.iso"').problems).toEqual(["the file part is named 'file', pveproxy expects 'filename'"]);
  });

  it('flags a wrong upload sent through it to the lab, and passes a right one', async () => {
    lab = await startProxmoxLab({ uploads: { mode: 'count' }, latency: { authFailureMs: 0 } });
    proxy = await startSchemaProxy({ url: lab.url, fingerprint: lab.fingerprint });
    const viaProxy: ProxmoxLab = { ...lab, url: proxy.url, certPem: proxy.certPem, fingerprint: proxy.fingerprint };
    const client = new LabClient(viaProxy);
    await client.login();
    const data = Buffer.alloc(70_000, 1);
    const right = await multipartUpload(viaProxy, client, { node: 'pve1', storage: 'local' }, { filename: 'a.iso', fields: { content: 'iso' }, data });
    expect(right.status).toBe(200);
    expect(proxy.violations).toEqual([]);
    const wrong = await multipartUpload(viaProxy, client, { node: 'pve1', storage: 'local' }, {
      filename: 'a.iso', fields: { content: 'iso', checksum: 'ab'.repeat(32), 'checksum-algorithm': 'sha256' }, data,
    });
    expect(wrong.status).toBe(400);
    // The misplaced field is not read, as pveproxy would not read it: `checksum` is then left without its algorithm.
    expect(proxy.violations.map((violation) => violation.problems)).toEqual([
      [expect.stringMatching(/^form field 'checksum-algorithm' comes after 'checksum'/), expect.stringMatching(/checksum-algorithm: missing property/)],
    ]);
  });

  it('vendors the reference schema as it is (when the reference is beside the repository)', () => {
    if (!referencePath || !existsSync(referencePath)) return;
    expect(readFileSync(fixturePath, 'utf8')).toBe(render(vendor(JSON.parse(readFileSync(referencePath, 'utf8')))));
  });
});
