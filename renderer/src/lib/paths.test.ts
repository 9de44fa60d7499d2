import { describe, expect, it } from 'vitest';
import { baseName, cleanTypedPath, isWorkbookName, withRecentFile } from './paths';

describe('paths', () => {
  it('takes the file name of POSIX and Windows paths', () => {
    expect(baseName('/home/me/plan.xlsx')).toBe('plan.xlsx');
    expect(baseName('C:\\Users\\me\\plan.xlsx')).toBe('plan.xlsx');
    expect(baseName('plan.xlsx')).toBe('plan.xlsx');
    expect(baseName('/tmp/dir/')).toBe('dir');
  });

  it('keeps recent files unique, newest first, at most ten', () => {
    const recent = Array.from({ length: 10 }, (_, index) => `/p${index}.xlsx`);
    expect(withRecentFile(recent, '/p3.xlsx').slice(0, 4)).toEqual(['/p3.xlsx', '/p0.xlsx', '/p1.xlsx', '/p2.xlsx']);
    expect(withRecentFile(recent, '/p3.xlsx')).toHaveLength(10);
    const added = withRecentFile(recent, '/new.xlsx');
    expect(added[0]).toBe('/new.xlsx');
    expect(added).toHaveLength(10);
    expect(added).not.toContain('/p9.xlsx');
  });

  it('cleans a pasted path of quotes and spaces', () => {
    expect(cleanTypedPath('  "/home/me/my plan.xlsx" ')).toBe('/home/me/my plan.xlsx');
    expect(cleanTypedPath("'C:\\plan.xlsx'")).toBe('C:\\plan.xlsx');
    expect(cleanTypedPath('"unbalanced')).toBe('"unbalanced');
  });

  it('recognises workbook names', () => {
    expect(isWorkbookName('Plan.XLSX')).toBe(true);
    expect(isWorkbookName('plan.xlsm')).toBe(true);
    expect(isWorkbookName('plan.csv')).toBe(false);
  });
});
