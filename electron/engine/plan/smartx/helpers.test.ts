import { describe, expect, it } from 'vitest';
import { cidrContains, formatIpv4, isReservedInCidr, parseCidr, parseIpv4 } from './ipv4';
import { meetsCloudTowerPolicy } from './readManagement';
import { parseSizing } from './sizing';
import { inlineValue, normalizeHeader } from './table';

describe('ipv4', () => {
  it('parses dotted quads and rejects everything else', () => {
    expect(parseIpv4('10.0.20.11')).toBe(10 * 2 ** 24 + 20 * 256 + 11);
    expect(formatIpv4(parseIpv4('255.255.255.255')!)).toBe('255.255.255.255');
    for (const bad of ['10.0.20', '10.0.20.256', '10.0.20.1.5', 'ntp.example.com', '010.0.0.1', '']) {
      expect(parseIpv4(bad), bad).toBeNull();
    }
  });

  it('knows which addresses a subnet holds', () => {
    const cidr = parseCidr('10.0.20.0/24')!;
    expect(cidr.hostBitsSet).toBe(false);
    expect(cidrContains(cidr, parseIpv4('10.0.20.254')!)).toBe(true);
    expect(cidrContains(cidr, parseIpv4('10.0.21.1')!)).toBe(false);
    expect(isReservedInCidr(cidr, parseIpv4('10.0.20.0')!)).toBe(true);
    expect(isReservedInCidr(cidr, parseIpv4('10.0.20.255')!)).toBe(true);
    expect(isReservedInCidr(cidr, parseIpv4('10.0.20.1')!)).toBe(false);
  });

  it('accepts host bits but says so, and rejects bad prefixes', () => {
    const cidr = parseCidr('10.0.20.5/24')!;
    expect(cidr.hostBitsSet).toBe(true);
    expect(formatIpv4(cidr.network)).toBe('10.0.20.0');
    expect(parseCidr('10.0.20.0/33')).toBeNull();
    expect(parseCidr('10.0.20.0')).toBeNull();
    expect(parseCidr('0.0.0.0/0')!.prefix).toBe(0);
  });
});

describe('parseSizing', () => {
  it('reads the template notation', () => {
    expect(parseSizing('8vCPU\\19GB-Mem\\400GB Disk')).toEqual({ vcpu: 8, memoryMiB: 19 * 1024, diskGiB: 400 });
    expect(parseSizing('16vCPU\\32GB-Mem\\512GB Disk')).toEqual({ vcpu: 16, memoryMiB: 32 * 1024, diskGiB: 512 });
  });

  it('accepts other separators, orders and Chinese words', () => {
    expect(parseSizing('4 vCPU / 16 GB Mem / 1 TB Disk')).toEqual({ vcpu: 4, memoryMiB: 16 * 1024, diskGiB: 1024 });
    expect(parseSizing('内存 8G，4核，磁盘 100G')).toEqual({ vcpu: 4, memoryMiB: 8 * 1024, diskGiB: 100 });
  });

  it('returns null when a part is missing', () => {
    expect(parseSizing('8vCPU\\19GB-Mem')).toBeNull();
    expect(parseSizing('big')).toBeNull();
  });
});

describe('CloudTower password policy', () => {
  it('wants at least 8 characters with letters and digits', () => {
    expect(meetsCloudTowerPolicy('HC!r0cks')).toBe(true);
    expect(meetsCloudTowerPolicy('abcdefg1')).toBe(true);
    expect(meetsCloudTowerPolicy('abc1234')).toBe(false); // 7 characters
    expect(meetsCloudTowerPolicy('cloudtower')).toBe(false); // no digit
    expect(meetsCloudTowerPolicy('12345678')).toBe(false); // no letter
  });
});

describe('template text', () => {
  it('compares headers without spaces, case or width', () => {
    expect(normalizeHeader('Web  管理员')).toBe(normalizeHeader('web管理员'));
    expect(normalizeHeader(' SSH 用户名')).toBe('ssh用户名');
    expect(normalizeHeader('客户名称：')).toBe('客户名称');
  });

  it('reads inline label:value cells', () => {
    expect(inlineValue('版本:6.2.0P4', ['版本'])).toBe('6.2.0P4');
    expect(inlineValue('版本： 5.1.5', ['版本'])).toBe('5.1.5');
    expect(inlineValue('Cluster SN', ['版本'])).toBeNull();
  });
});
