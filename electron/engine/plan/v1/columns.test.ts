import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { columnNames, headerUnit, matchColumn, matchSheet, normalizeHeader, sheetNames, v1Sheets } from './columns';
import { formatDocPath, renderColumnTables } from './formatDoc';

describe('the v1 column definitions', () => {
  it('name every sheet and column in three languages, with help in three', () => {
    for (const sheet of v1Sheets) {
      for (const lang of ['en', 'zh', 'es'] as const) {
        expect(sheet.name[lang], `${sheet.key} ${lang}`).toBeTruthy();
        expect(sheet.help[lang], `${sheet.key} ${lang}`).toBeTruthy();
        for (const column of sheet.columns) {
          expect(column.header[lang], `${sheet.key}.${column.field} ${lang}`).toBeTruthy();
          expect(column.help[lang], `${sheet.key}.${column.field} ${lang}`).toBeTruthy();
        }
      }
      expect(sheet.columns.some((column) => column.field === sheet.keyField)).toBe(true);
    }
  });

  it('resolve every spelling of a column to that column only', () => {
    for (const sheet of v1Sheets) {
      for (const column of sheet.columns) {
        for (const name of columnNames(column)) expect(matchColumn(sheet.key, name)?.field, `${sheet.key}: ${name}`).toBe(column.field);
      }
    }
  });

  it('resolve every sheet name to its sheet only', () => {
    for (const sheet of v1Sheets) for (const name of sheetNames(sheet)) expect(matchSheet(name)?.key, name).toBe(sheet.key);
  });

  it('compare headers ignoring case, spaces, punctuation, width and units', () => {
    expect(normalizeHeader('  Memory (GiB) *')).toBe('memory');
    expect(matchColumn('vms', 'V-CPU')?.field).toBe('vcpu');
    expect(matchColumn('vms', '内存（GB）')?.field).toBe('memoryMiB');
    expect(matchColumn('networks', 'ＶＬＡＮ ＩＤ')?.field).toBe('vlan');
    expect(headerUnit('Memoria [GiB]')).toBe('GiB');
    expect(headerUnit('Subnet (CIDR)')).toBeNull();
  });

  it('are documented in FORMAT.md as they are (run formatDoc.ts after a change)', async () => {
    const document = await readFile(formatDocPath, 'utf8');
    expect(document).toContain(renderColumnTables());
  });
});
