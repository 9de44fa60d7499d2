// The only code that runs exceljs on a workbook. It runs in a worker thread
// with a heap limit and a deadline set by parseInWorker.ts, so a hostile
// file can exhaust this isolate but never the engine. Plain JavaScript
// because a worker starts without the TypeScript loader; it only copies
// cells out, every interpretation happens in the typed code.
// The worker answers {path, sanitize} requests one at a time; it is reused
// while parses succeed (exceljs stays loaded and compiled) and terminated
// by its owner on any failure, timeout or cancel.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';

// exceljs's own JSZip, whatever the package layout.
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip');

const MAX_COLS = 16384;
const FORMULA = 6; // ExcelJS.ValueType.Formula
const MERGE = 1; // ExcelJS.ValueType.Merge

function mergesOf(worksheet) {
  // exceljs keeps merges in a private map keyed by master address; no public getter lists them.
  const merges = worksheet._merges ?? {};
  return Object.values(merges)
    .map((range) => (range && typeof range.range === 'string' ? range.range : null))
    .filter((range) => range !== null);
}

function copySheet(worksheet) {
  // Rows as dense arrays (index = column - 1): one array per row instead of an object per cell.
  const rows = [];
  const formulas = {};
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === MERGE) return;
      if (cell.type === FORMULA) {
        formulas[rowNumber * (MAX_COLS + 1) + colNumber] = cell.formula ?? '';
        values[colNumber - 1] = cell.result === undefined ? undefined : cell.result;
      } else {
        values[colNumber - 1] = cell.value;
      }
    });
    if (values.length > 0) rows.push(rowNumber, values);
  });
  return { name: worksheet.name, state: worksheet.state ?? 'visible', merges: mergesOf(worksheet), rows, formulas };
}

// Relationship types exceljs resolves by its own part naming; files from other
// writers (openpyxl's `/xl/comments/comment1.xml`) make it throw. Cell values
// never depend on them.
const DECORATION_RELS = /\/(comments|vmlDrawing|drawing|table|pivotTable|image|ctrlProp|threadedComment)"/;

async function withoutDecorations(data) {
  const zip = await JSZip.loadAsync(data);
  const rels = Object.keys(zip.files).filter((name) => /^\/?xl\/worksheets\/_rels\/[^/]+\.rels$/.test(name));
  for (const name of rels) {
    const xml = await zip.file(name).async('string');
    const kept = xml.replace(/<Relationship\b[^>]*?\/>/g, (element) => (DECORATION_RELS.test(element) ? '' : element));
    zip.file(name, kept);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

async function load(data, sanitize) {
  if (sanitize) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await withoutDecorations(data));
    return workbook;
  }
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(data);
    return workbook;
  } catch {
    // Second chance without the parts exceljs chokes on; a second failure is the file's.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await withoutDecorations(data));
    return workbook;
  }
}

async function main({ path, sanitize }) {
  const data = await readFile(path);
  const workbook = await load(data, sanitize);
  const sheets = workbook.worksheets.map(copySheet);
  parentPort.postMessage({ ok: true, sheets });
}

parentPort.on('message', (request) => {
  main(request).catch((error) => {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  });
});
