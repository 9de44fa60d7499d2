import { describe, expect, it } from 'vitest';
import type { CellValue } from './cellValue';
import { evaluateFormula, FormulaUnsupported, tokenize, type UnsupportedReason } from './formula';

const cells: Record<string, CellValue> = {
  'self!A1': 'web',
  'self!B1': 7,
  'self!C1': null,
  'self!D1': true,
  'self!E1': 1.5,
  '虚拟网络!B3': 'CN-BJ-Cls01',
  'My sheet!B3': 'quoted',
  "It's!A1": 'apostrophe',
};

const context = {
  lookup(sheet: string | null, address: string): CellValue {
    const key = `${sheet ?? 'self'}!${address}`;
    if (!(key in cells)) throw new FormulaUnsupported({ kind: 'sheet', name: sheet ?? '' });
    return cells[key] ?? null;
  },
};

function reasonOf(formula: string): UnsupportedReason {
  try {
    evaluateFormula(formula, context);
  } catch (error) {
    if (error instanceof FormulaUnsupported) return error.reason;
    throw error;
  }
  throw new Error(`${formula} evaluated`);
}

describe('tokenize', () => {
  it('reads references with and without sheet names, absolute markers and quoting', () => {
    expect(tokenize("=$B$3&'My sheet'!b3&虚拟网络!B3")).toEqual([
      { kind: 'ref', sheet: null, address: 'B3' },
      { kind: 'amp' },
      { kind: 'ref', sheet: 'My sheet', address: 'B3' },
      { kind: 'amp' },
      { kind: 'ref', sheet: '虚拟网络', address: 'B3' },
    ]);
  });

  it('reads strings with doubled quotes, numbers, booleans and functions', () => {
    expect(tokenize('CONCATENATE("a""b", 1.5e2, TRUE)')).toEqual([
      { kind: 'func', name: 'CONCATENATE' },
      { kind: 'lparen' },
      { kind: 'string', value: 'a"b' },
      { kind: 'comma' },
      { kind: 'number', value: 150 },
      { kind: 'comma' },
      { kind: 'bool', value: true },
      { kind: 'rparen' },
    ]);
  });

  it('strips the _xlfn. prefix newer functions are stored with', () => {
    expect(tokenize('_xlfn.CONCAT(A1)')[0]).toEqual({ kind: 'func', name: 'CONCAT' });
  });
});

describe('evaluateFormula', () => {
  it('returns a referenced value with its type', () => {
    expect(evaluateFormula('=B1', context)).toBe(7);
    expect(evaluateFormula('=虚拟网络!B3', context)).toBe('CN-BJ-Cls01');
    expect(evaluateFormula("='My sheet'!$B$3", context)).toBe('quoted');
    expect(evaluateFormula("='It''s'!A1", context)).toBe('apostrophe');
  });

  it('concatenates with & the way Excel formats values', () => {
    expect(evaluateFormula('=A1&"-"&B1', context)).toBe('web-7');
    expect(evaluateFormula('=A1&C1&D1&E1', context)).toBe('webTRUE1.5');
  });

  it('supports CONCATENATE, CONCAT and parentheses', () => {
    expect(evaluateFormula('=CONCATENATE(A1, "-", (B1&"x"))', context)).toBe('web-7x');
    expect(evaluateFormula('=concat(A1,B1)', context)).toBe('web7');
    expect(evaluateFormula('=CONCATENATE()', context)).toBe('');
  });

  it('names the first thing it cannot evaluate', () => {
    expect(reasonOf('=IF(ISNUMBER(Q3),Q3+1,"")')).toEqual({ kind: 'function', name: 'IF' });
    expect(reasonOf('=B1+1')).toEqual({ kind: 'operator', name: '+' });
    expect(reasonOf('=A1<>B1')).toEqual({ kind: 'operator', name: '<>' });
    expect(reasonOf('=CONCAT(A1:B1)')).toEqual({ kind: 'range' });
    expect(reasonOf('=TotalCost')).toEqual({ kind: 'name', name: 'TotalCost' });
    expect(reasonOf('=Missing!A1')).toEqual({ kind: 'sheet', name: 'Missing' });
    expect(reasonOf('=A1 B1')).toEqual({ kind: 'syntax' });
    expect(reasonOf('="open')).toEqual({ kind: 'syntax' });
    expect(reasonOf('=CONCATENATE(A1')).toEqual({ kind: 'syntax' });
  });
});
