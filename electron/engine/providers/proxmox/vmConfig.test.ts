import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { encodeParams } from './apiPath';
import { bootDisk, buildIpConfig, buildNet0, encodeSshKeys, formatSize, freeIdeSlot, parseSize } from './vmConfig';

describe('encodeSshKeys', () => {
  it('percent-encodes the keys with %20 for spaces, then the form encodes the percent signs again', () => {
    const encoded = encodeSshKeys('ssh-ed25519 AAAAC3Nza+/x= ops@laptop');
    expect(encoded).toBe('ssh-ed25519%20AAAAC3Nza%2B%2Fx%3D%20ops%40laptop');
    expect(encodeParams({ sshkeys: encoded }).toString()).toBe('sshkeys=ssh-ed25519%2520AAAAC3Nza%252B%252Fx%253D%2520ops%2540laptop');
  });

  it('joins several keys with an encoded newline and drops blank lines and comments', () => {
    const encoded = encodeSshKeys('# team keys\nssh-rsa AAA a@x\r\n\n  ssh-ed25519 BBB b@y  \n');
    expect(decodeURIComponent(encoded)).toBe('ssh-rsa AAA a@x\nssh-ed25519 BBB b@y');
    expect(encoded).toMatch(/^[%a-zA-Z0-9\-_.!~*'()]*$/);
  });
});

describe('buildNet0', () => {
  it('keeps the model, the MAC and other options, and puts the planned bridge and VLAN', () => {
    expect(buildNet0('virtio=bc:24:11:aa:bb:cc,bridge=vmbr0,firewall=1,tag=5', 'vmbr1', 120)).toBe('virtio=BC:24:11:AA:BB:CC,bridge=vmbr1,firewall=1,tag=120');
  });

  it('drops the tag for VLAN 0 (untagged)', () => {
    expect(buildNet0('e1000=BC:24:11:00:00:01,bridge=vmbr0,tag=7,mtu=9000', 'vmbr0', 0)).toBe('e1000=BC:24:11:00:00:01,bridge=vmbr0,mtu=9000');
  });

  it('reads the macaddr= form and starts from virtio when the template has no NIC', () => {
    expect(buildNet0('model=vmxnet3,macaddr=BC:24:11:00:00:02,bridge=vmbr9', 'vmbr2', 3)).toBe('vmxnet3=BC:24:11:00:00:02,bridge=vmbr2,tag=3');
    expect(buildNet0(undefined, 'vmbr0', 10)).toBe('virtio,bridge=vmbr0,tag=10');
  });
});

describe('buildIpConfig', () => {
  it('takes the prefix length from the address, else from the network CIDR', () => {
    expect(buildIpConfig({ ip: '10.0.0.5/25', networkCidr: '10.0.0.0/24', gateway: '10.0.0.1' })).toBe('ip=10.0.0.5/25,gw=10.0.0.1');
    expect(buildIpConfig({ ip: '10.0.0.5', networkCidr: '10.0.0.0/24', gateway: null })).toBe('ip=10.0.0.5/24');
  });

  it('uses DHCP without an address and ip6/gw6 for IPv6', () => {
    expect(buildIpConfig({ ip: null, networkCidr: null, gateway: '10.0.0.1' })).toBe('ip=dhcp');
    expect(buildIpConfig({ ip: 'fd00::5/64', networkCidr: null, gateway: 'fd00::1' })).toBe('ip6=fd00::5/64,gw6=fd00::1');
  });

  it('refuses an address with no prefix length anywhere, pointing at its cell', () => {
    const cell = { sheet: 'VMs', cell: 'H4' };
    try {
      buildIpConfig({ ip: '10.0.0.5', networkCidr: null, gateway: null, cell });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError).toMatchObject({ code: 'plan_invalid', cell });
    }
  });
});

describe('disk sizes', () => {
  it('parses PVE sizes and formats whole GiB as G, the rest in MiB rounded up', () => {
    expect(parseSize('10G')).toBe(10 * 2 ** 30);
    expect(parseSize('1.5T')).toBe(1.5 * 2 ** 40);
    expect(parseSize('512')).toBe(512);
    expect(parseSize('ten')).toBeNull();
    expect(formatSize(20 * 2 ** 30)).toBe('20G');
    expect(formatSize(20.5 * 2 ** 30)).toBe('20992M');
    expect(formatSize(2 ** 30 + 1)).toBe('1025M');
  });

  it('finds the boot disk from the boot order, skipping CD-ROMs', () => {
    const config = {
      boot: 'order=ide2;virtio1;net0',
      ide2: 'local-lvm:vm-100-cloudinit,media=cdrom',
      scsi0: 'local-lvm:vm-100-disk-0,size=10G',
      virtio1: 'ceph:vm-100-disk-1,size=32G',
    };
    expect(bootDisk(config)).toEqual({ key: 'virtio1', storage: 'ceph', size: 32 * 2 ** 30 });
    expect(bootDisk({ scsi0: 'local-lvm:vm-100-disk-0,iothread=1,size=8G' })).toEqual({ key: 'scsi0', storage: 'local-lvm', size: 8 * 2 ** 30 });
    expect(bootDisk({ ide2: 'local:iso/x.iso,media=cdrom' })).toBeNull();
  });

  it('attaches an ISO on a free IDE slot, leaving the usual cloud-init slot for last', () => {
    expect(freeIdeSlot({ ide2: 'local-lvm:vm-1-cloudinit,media=cdrom' })).toBe('ide0');
    expect(freeIdeSlot({ ide0: 'a', ide1: 'b', ide3: 'c' })).toBe('ide2');
    expect(freeIdeSlot({ ide0: 'a', ide1: 'b', ide2: 'c', ide3: 'd' })).toBeNull();
  });
});
