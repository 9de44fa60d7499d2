import { describe, expect, it } from 'vitest';
import { whereOf, type Sourced } from './model';
import { rowSourceLayout, rowSources } from './rowSources';

type Row = { name: string; ip: string | null; notes: string | null };
const layout = rowSourceLayout(['name', 'ip', 'notes']);
const cells = { sheet: 'VMs', row: 7, columns: { name: 'A', ip: 'I', notes: 'N' } };

describe('rowSources', () => {
  it('reads like a plain Sources object holding only the filled fields', () => {
    const src = rowSources<Row>(layout, cells, 0b101);
    expect(src.name).toEqual({ sheet: 'VMs', cell: 'A7' });
    expect(src.ip).toBeUndefined();
    expect('ip' in src).toBe(false);
    expect('notes' in src).toBe(true);
    expect(Object.keys(src)).toEqual(['name', 'notes']);
    expect(src).toEqual({ name: { sheet: 'VMs', cell: 'A7' }, notes: { sheet: 'VMs', cell: 'N7' } });
    expect(JSON.parse(JSON.stringify(src))).toEqual({ name: { sheet: 'VMs', cell: 'A7' }, notes: { sheet: 'VMs', cell: 'N7' } });
  });

  it('takes assignments and deletes like a plain object', () => {
    const src = rowSources<Row>(layout, cells, 0b001);
    src.ip = { sheet: 'Other', cell: 'B2' };
    delete src.name;
    expect(src).toEqual({ ip: { sheet: 'Other', cell: 'B2' } });
  });

  it('keeps whereOf pointing at the filled cell, the empty cell to fill, or the row', () => {
    const vm = { name: 'web', ip: null, notes: null, origin: { sheet: 'VMs', cell: 'A7:N7' }, cells, src: rowSources<Row>(layout, cells, 0b001) } as Sourced<Row>;
    expect(whereOf(vm, 'name')).toEqual({ sheet: 'VMs', cell: 'A7' });
    expect(whereOf(vm, 'ip')).toEqual({ sheet: 'VMs', cell: 'I7' });
    expect(whereOf(vm)).toEqual({ sheet: 'VMs', cell: 'A7:N7' });
  });

  it('refuses more fields than a row mask holds', () => {
    expect(() => rowSourceLayout(Array.from({ length: 31 }, (_, i) => `f${i}`))).toThrow(RangeError);
  });
});
