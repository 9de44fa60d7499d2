// The only code that reads a workbook's XML. It runs in a worker thread with
// a heap limit and a deadline set by parseInWorker.ts, so a hostile file can
// exhaust this isolate but never the engine. Plain JavaScript because a
// worker starts without the TypeScript loader; it only copies cells out,
// every interpretation happens in the typed code.
// The worker answers {path} requests one at a time; it is reused while
// parses succeed and terminated by its owner on any failure, timeout or cancel.
import { parentPort } from 'node:worker_threads';
import { readSheetCells } from './xlsxReader/sheetCells.mjs';
import { readWorkbookParts } from './xlsxReader/workbookParts.mjs';
import { openPackage } from './xlsxReader/xmlParts.mjs';

async function main({ path }) {
  const pkg = await openPackage(path);
  try {
    const book = await readWorkbookParts(pkg);
    const sheets = [];
    for (const sheet of book.sheets) sheets.push(await readSheetCells(pkg, sheet, book));
    parentPort.postMessage({ ok: true, sheets });
  } finally {
    pkg.zip.close();
  }
}

parentPort.on('message', (request) => {
  main(request).catch((error) => {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  });
});
