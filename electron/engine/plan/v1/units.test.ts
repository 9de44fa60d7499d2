import { describe, expect, it } from 'vitest';
import { parseBool, parseDecimal, parseDuration, parseSize, splitList } from './units';

describe('parseSize', () => {
  const memory = (value: string | number) => parseSize(value, 'MiB', 'MiB', 'nearest');
  const disk = (value: string | number) => parseSize(value, 'GiB', 'GiB', 'up');

  it('reads memory the way people write it', () => {
    expect(memory(8192)).toBe(8192);
    expect(memory('8192')).toBe(8192);
    expect(memory('8192 MiB')).toBe(8192);
    expect(memory('8G')).toBe(8192);
    expect(memory('8 GB')).toBe(8192);
    expect(memory('8 GiB')).toBe(8192);
    expect(memory('8gib')).toBe(8192);
    expect(memory('1,5 GiB')).toBe(1536);
    expect(memory('0.5 TiB')).toBe(524288);
    expect(memory('8,192 MiB')).toBe(8192);
    expect(memory('８Ｇ')).toBe(8192);
  });

  it('reads disks in GiB and rounds fractions up', () => {
    expect(disk(40)).toBe(40);
    expect(disk('40G')).toBe(40);
    expect(disk('0.5 TiB')).toBe(512);
    expect(disk('0.1 TiB')).toBe(103);
    expect(disk('1500 MiB')).toBe(2);
    expect(disk('2048 MiB')).toBe(2);
  });

  it('uses the unit a header names for bare numbers', () => {
    expect(parseSize(16, 'GiB', 'MiB', 'nearest')).toBe(16384);
  });

  it('refuses what is not a size', () => {
    for (const bad of ['lots', '8 PB', '8 G B', '-1', '1.024,5', '', 'G8']) expect(memory(bad), bad).toBeNull();
  });
});

describe('other values', () => {
  it('reads decimals with either separator', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('1.5')).toBe(1.5);
    expect(parseDecimal('12,345')).toBe(12345);
    expect(parseDecimal('1.234,5')).toBeNull();
  });

  it('reads durations in seconds', () => {
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('2 分钟')).toBe(120);
    expect(parseDuration('soon')).toBeNull();
  });

  it('reads yes and no in three languages', () => {
    for (const yes of ['yes', 'Y', 'TRUE', 1, 'x', '是', 'sí', 'Si', true]) expect(parseBool(yes), String(yes)).toBe(true);
    for (const no of ['no', 'N', 'false', 0, '否', false]) expect(parseBool(no), String(no)).toBe(false);
    expect(parseBool('maybe')).toBeNull();
  });

  it('splits lists on every separator people use', () => {
    expect(splitList('a, b;c、d，e\nf ;; ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
