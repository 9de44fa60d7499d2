import { describe, expect, it } from 'vitest';
import { parseRange } from '../workbook';
import { rectangles } from './dataValidations';

function cellsOf(...ranges: string[]): Array<{ row: number; col: number }> {
  return ranges.flatMap((range) => {
    const { top, left, bottom, right } = parseRange(range)!;
    const cells: Array<{ row: number; col: number }> = [];
    for (let row = top; row <= bottom; row++) for (let col = left; col <= right; col++) cells.push({ row, col });
    return cells;
  });
}

describe('rectangles', () => {
  it('folds the cells of one range back into that range, whatever their order', () => {
    const cells = cellsOf('B2:B1000');
    expect(rectangles(cells.reverse())).toEqual(['B2:B1000']);
    expect(rectangles(cellsOf('E4:L9'))).toEqual(['E4:L9']);
    expect(rectangles(cellsOf('C7'))).toEqual(['C7']);
  });

  it('keeps separate ranges apart and never overlaps them', () => {
    expect(rectangles(cellsOf('E4:L9', 'N4:U9')).sort()).toEqual(['E4:L9', 'N4:U9']);
    expect(rectangles(cellsOf('A1:A10', 'B1:B5')).sort()).toEqual(['A1:A10', 'B1:B5']);
    expect(rectangles(cellsOf('A1:A3', 'A7:A9', 'B1:B3')).sort()).toEqual(['A1:B3', 'A7:A9']);
  });
});
