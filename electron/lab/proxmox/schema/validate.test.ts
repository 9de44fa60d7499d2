import { describe, expect, it } from 'vitest';
import { validateRequest } from '../requestCheck';
import { loadSchema } from './loadSchema';
import { validateParameters } from './validate';

const methods = loadSchema();
const schemaOf = (method: string, path: string) => {
  const found = methods.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`no ${method} ${path}`);
  return found.parameters;
};
const clone = schemaOf('POST', '/nodes/{node}/qemu/{vmid}/clone');
const putConfig = schemaOf('PUT', '/nodes/{node}/qemu/{vmid}/config');
const upload = schemaOf('POST', '/nodes/{node}/storage/{storage}/upload');

describe('validateParameters', () => {
  it('converts values to their schema types', () => {
    const result = validateParameters(clone, { node: 'pve1', vmid: '9000', newid: '101', full: 'yes', name: 'web-01' });
    expect(result).toEqual({ ok: true, params: { node: 'pve1', vmid: 9000, newid: 101, full: true, name: 'web-01' } });
  });

  it('reports missing and unknown parameters with PVE messages', () => {
    const result = validateParameters(clone, { node: 'pve1', vmid: 9000, color: 'blue' });
    expect(result).toEqual({
      ok: false,
      errors: {
        newid: 'property is missing and it is not optional',
        color: 'property is not defined in schema and the schema does not allow additional properties',
      },
    });
  });

  it('checks types, bounds, enums and patterns', () => {
    const result = validateParameters(clone, { node: 'pve1', vmid: 'abc', newid: 99, full: 'maybe', format: 'vdi' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.vmid).toBe("type check ('integer') failed - got 'abc'");
    expect(result.errors.newid).toBe('value must have a minimum value of 100');
    expect(result.errors.full).toBe("type check ('boolean') failed - got 'maybe'");
    expect(result.errors.format).toBe("value 'vdi' does not have a value in the enumeration 'raw, qcow2, vmdk'");
    const resize = validateParameters(schemaOf('PUT', '/nodes/{node}/qemu/{vmid}/resize'), { node: 'pve1', vmid: 100, disk: 'scsi0', size: '10 GB' });
    expect(resize).toEqual({ ok: false, errors: { size: 'value does not match the regex pattern' } });
  });

  it('checks named formats', () => {
    const result = validateParameters(clone, { node: 'pve_1', vmid: 9000, newid: 101, name: 'web_01', storage: 'local lvm' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.node).toBe('invalid format - value does not look like a valid node name\n');
    expect(result.errors.name).toBe('invalid format - value does not look like a valid DNS name\n');
    expect(result.errors.storage).toBe("invalid format - storage ID 'local lvm' contains illegal characters\n");
  });

  it('parses property strings with key aliases and checks their values', () => {
    const ok = validateParameters(putConfig, {
      node: 'pve1', vmid: 100, net0: 'virtio=BC:24:11:00:00:01,bridge=vmbr0,tag=20', ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1', scsi0: 'local-lvm:32,iothread=1',
    });
    expect(ok.ok).toBe(true);
    const bad = validateParameters(putConfig, { node: 'pve1', vmid: 100, net0: 'virtio,bridge=vmbr0,tag=9999', ipconfig0: 'ip=10.0.0.5,gw=10.0.0.1', net1: 'virtio,color=red' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.net0).toBe('invalid format - format error\nnet0.tag: value must have a maximum value of 4094\n');
    expect(bad.errors.ipconfig0).toContain('ipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration');
    expect(bad.errors.net1).toBe('invalid format - invalid key in comma-separated list property: color\n');
  });

  it('accepts numbered options only within their range', () => {
    expect(validateParameters(putConfig, { node: 'pve1', vmid: 100, scsi30: 'local-lvm:1' }).ok).toBe(true);
    const result = validateParameters(putConfig, { node: 'pve1', vmid: 100, scsi31: 'local-lvm:1' });
    expect(result.ok ? null : result.errors.scsi31).toBe('property is not defined in schema and the schema does not allow additional properties');
  });

  it('wants ssh keys URL-encoded once more than the form encoding', () => {
    const key = 'ssh-ed25519 AAAAC3Nza user@host';
    expect(validateParameters(putConfig, { node: 'pve1', vmid: 100, sshkeys: encodeURIComponent(key) }).ok).toBe(true);
    const plain = validateParameters(putConfig, { node: 'pve1', vmid: 100, sshkeys: key });
    expect(plain.ok ? null : plain.errors.sshkeys).toBe(`invalid format - invalid urlencoded string: ${key}\n`);
  });

  it('enforces `requires` between checksum and its algorithm', () => {
    const result = validateParameters(upload, { node: 'pve1', storage: 'local', content: 'iso', filename: 'a.iso', checksum: 'abc' });
    expect(result).toEqual({ ok: false, errors: { 'checksum-algorithm': "missing property - 'checksum' requires this property" } });
  });

  it('takes JSON-typed values', () => {
    const result = validateParameters(clone, { node: 'pve1', vmid: 9000, newid: 101, full: true });
    expect(result).toEqual({ ok: true, params: { node: 'pve1', vmid: 9000, newid: 101, full: true } });
    const wrong = validateParameters(clone, { node: 'pve1', vmid: 9000, newid: { id: 1 } });
    expect(wrong.ok ? null : wrong.errors.newid).toBe("type check ('integer') failed - got 'HASH'");
  });
});

describe('validateRequest', () => {
  it('answers 501 for paths and methods the lab does not implement', () => {
    expect(validateRequest('GET', '/api2/json/nodes/pve1/lxc')).toEqual({ ok: false, status: 501, message: "Method 'GET /nodes/pve1/lxc' not implemented" });
    expect(validateRequest('DELETE', '/version')).toMatchObject({ ok: false, status: 501 });
  });

  it('validates path parameters with the rest', () => {
    expect(validateRequest('POST', '/nodes/pve1/qemu/9000/clone', { newid: 101, full: 1 })).toEqual({ ok: true, template: 'POST /nodes/{node}/qemu/{vmid}/clone' });
    expect(validateRequest('GET', '/nodes/pve1/qemu/12/config')).toMatchObject({ status: 400, errors: { vmid: 'value must have a minimum value of 100' } });
  });
});
