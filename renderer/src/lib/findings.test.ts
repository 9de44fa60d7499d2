import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/plan/findings';
import { allFindings, countBySeverity, csvField, filterFindings, findingPlace, findingSheets, findingsCsv, findingsText, sortFindings } from './findings';

const finding = (severity: Finding['severity'], sheet: string | null, cell: string | null, extra: Partial<Finding> = {}): Finding => ({
  severity,
  code: `code.${severity}`,
  sheet,
  cell,
  message: `message at ${cell ?? sheet ?? 'file'}`,
  hint: 'fix it',
  ...extra,
});

const sample: Finding[] = [
  finding('warning', 'VMs', 'F7'),
  finding('error', 'Networks', 'D3', { code: 'ip.outside_cidr', message: 'Gateway 10.9.0.1 is outside 10.20.0.0/24' }),
  finding('info', null, null),
  finding('error', 'VMs', 'B12'),
  finding('error', 'VMs', 'AA2'),
  finding('error', 'VMs', 'C2'),
];

describe('findings', () => {
  it('counts by severity', () => {
    expect(countBySeverity(sample)).toEqual({ error: 4, warning: 1, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('names the place as sheet!cell, the sheet alone, or nothing', () => {
    expect(findingPlace({ sheet: 'VMs', cell: 'F7' })).toBe('VMs!F7');
    expect(findingPlace({ sheet: 'VMs', cell: null })).toBe('VMs');
    expect(findingPlace({ sheet: null, cell: null })).toBe('');
    expect(findingSheets(sample)).toEqual(['VMs', 'Networks', '']);
  });

  it('filters by severity, sheet (or the file itself) and text in any column', () => {
    expect(filterFindings(sample, allFindings)).toHaveLength(6);
    expect(filterFindings(sample, { ...allFindings, severities: new Set(['warning', 'info']) }).map((f) => f.severity)).toEqual(['warning', 'info']);
    expect(filterFindings(sample, { ...allFindings, sheet: 'Networks' })).toHaveLength(1);
    expect(filterFindings(sample, { ...allFindings, sheet: '' })).toEqual([sample[2]]);
    expect(filterFindings(sample, { ...allFindings, text: '  OUTSIDE_cidr ' })).toEqual([sample[1]]);
    expect(filterFindings(sample, { ...allFindings, text: 'networks!d3' })).toEqual([sample[1]]);
    expect(filterFindings(sample, { ...allFindings, text: 'no such thing' })).toEqual([]);
  });

  it('sorts errors first, then sheets in workbook order, then cells by row and column', () => {
    expect(sortFindings(sample).map(findingPlace)).toEqual(['VMs!C2', 'VMs!AA2', 'VMs!B12', 'Networks!D3', 'VMs!F7', '']);
  });
});

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });

  it('writes a header row and one row per finding with CRLF line ends', () => {
    const csv = findingsCsv([sample[1]!], { severity: 'Severity', code: 'Code', place: 'Cell', message: 'Message', hint: 'Hint' });
    expect(csv).toBe('Severity,Code,Cell,Message,Hint\r\nerror,ip.outside_cidr,Networks!D3,Gateway 10.9.0.1 is outside 10.20.0.0/24,fix it\r\n');
  });

  it('writes tab-separated lines for the clipboard', () => {
    expect(findingsText([sample[2]!])).toBe('INFO\tcode.info\t-\tmessage at file\tfix it');
  });
});
