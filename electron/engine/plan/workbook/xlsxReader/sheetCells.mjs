// One worksheet's XML -> the compact RawSheet the engine indexes (see
// rawWorkbook.ts): dense value arrays per row, formulas by cell key, merged
// ranges. Cell typing follows exceljs's full reader (cell-xform.js), so the
// values are the ones its DOM held, without its objects per cell.
import { createRequire } from 'node:module';
import { textCollector } from './workbookParts.mjs';
import { parsePart } from './xmlParts.mjs';

const exceljsRequire = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const { excelToDate, xmlDecode } = exceljsRequire('./lib/utils/utils.js');
const { slideFormula } = exceljsRequire('./lib/utils/shared-formula.js');

const MAX_COLS = 16384;
const cellKey = (row, col) => row * (MAX_COLS + 1) + col;

function columnOf(ref) {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~32;
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

const letters = (col) => (col > 0 ? letters(Math.floor((col - 1) / 26)) + String.fromCharCode(65 + ((col - 1) % 26)) : '');

function cachedResult(type, text, isDate, date1904) {
  if (type === 'str') return xmlDecode(text);
  if (type === 'b') return parseInt(text, 10) !== 0;
  if (type === 'e') return { error: text };
  const number = parseFloat(text);
  return isDate ? excelToDate(number, date1904) : number;
}

function plainValue(type, text, isDate, date1904, sharedStrings) {
  switch (type) {
    case 's':
      return sharedStrings[parseInt(text, 10)];
    case 'str':
      return xmlDecode(text);
    case 'inlineStr':
      return text;
    case 'b':
      return parseInt(text, 10) !== 0;
    case 'e':
      return { error: text };
    case 'd':
      return new Date(text);
    default:
      return cachedResult('n', text, isDate, date1904);
  }
}

/** Cells covered by a merge read as their master (exceljs drops their own values), so they are removed here. */
function dropMergedSlaves(rows, merges) {
  if (merges.length === 0) return;
  const byRow = new Map();
  for (let at = 0; at + 1 < rows.length; at += 2) byRow.set(rows[at], rows[at + 1]);
  for (const range of merges) {
    const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(range);
    if (!match) continue;
    const [top, left] = [Number(match[2]), columnOf(match[1])];
    const [bottom, right] = [Number(match[4] ?? match[2]), columnOf(match[3] ?? match[1])];
    for (let row = top; row <= bottom; row++) {
      const values = byRow.get(row);
      if (!values) continue;
      for (let col = left; col <= right && col <= values.length; col++) {
        if (row !== top || col !== left) values[col - 1] = undefined;
      }
    }
  }
}

export async function readSheetCells(pkg, sheet, { sharedStrings, dateStyles, date1904 }) {
  const rows = [];
  const formulas = {};
  const merges = [];
  const sharedMasters = new Map();
  const inline = textCollector();
  let rowNumber = 0;
  let values = null;
  let lastCol = 0;
  let cell = null;
  let reading = null; // 'v' | 'f' while inside one

  const closeCell = () => {
    const { row, col, type, style, f, v } = cell;
    const isDate = dateStyles[style] === true;
    const inlineText = inline.take();
    const value = type === 'inlineStr' ? inlineText : v;
    if (f && (f.text !== '' || f.shared)) {
      let formula = f.text;
      if (f.shared && f.ref) sharedMasters.set(f.si, { formula, address: `${letters(col)}${row}` });
      else if (f.shared) {
        const master = sharedMasters.get(f.si);
        formula = master ? slideFormula(master.formula, master.address, `${letters(col)}${row}`) : '';
      }
      formulas[cellKey(row, col)] = formula;
      values[col - 1] = value === null ? undefined : cachedResult(type, value, isDate, date1904);
    } else if (value !== null) {
      values[col - 1] = plainValue(type, value, isDate, date1904, sharedStrings);
    }
    cell = null;
  };

  await parsePart(pkg, sheet.path, {
    open(name, attributes) {
      if (cell) {
        if (name === 'v') {
          // An empty <v/> (openpyxl writes one for formulas) is no value, as in exceljs.
          reading = 'v';
        } else if (name === 'f') {
          reading = 'f';
          cell.f = { text: '', shared: attributes.t === 'shared', si: attributes.si, ref: attributes.ref };
        } else inline.open(name);
      } else if (name === 'c' && values) {
        const col = attributes.r ? columnOf(attributes.r) : lastCol + 1;
        lastCol = col;
        cell = { row: rowNumber, col, type: attributes.t, style: Number(attributes.s ?? 0), f: null, v: null };
      } else if (name === 'row') {
        rowNumber = attributes.r ? parseInt(attributes.r, 10) : rowNumber + 1;
        values = [];
        lastCol = 0;
      } else if (name === 'mergeCell' && attributes.ref) merges.push(attributes.ref);
    },
    text(text) {
      if (!cell) return;
      if (reading === 'v') cell.v = (cell.v ?? '') + text;
      else if (reading === 'f') cell.f.text += text;
      else inline.text(text);
    },
    close(name) {
      if (!cell) {
        if (name === 'row' && values) {
          if (values.length > 0) rows.push(rowNumber, values);
          values = null;
        }
        return;
      }
      if (name === 'c') closeCell();
      else if (name === 'v' || name === 'f') reading = null;
      else inline.close(name);
    },
  });
  dropMergedSlaves(rows, merges);
  return { name: sheet.name, state: sheet.state, merges, rows, formulas };
}
