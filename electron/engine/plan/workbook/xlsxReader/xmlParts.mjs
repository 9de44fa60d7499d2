// Opens an .xlsx package with yauzl and streams its XML parts through saxes,
// the SAX parser exceljs itself uses. Nothing here builds a document tree:
// handlers see one element at a time, so memory follows the cells kept, not
// the size of the XML.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/** The package's entries by part name (without a leading slash). */
export async function openPackage(path) {
  const zip = await new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map();
  await new Promise((resolve, reject) => {
    zip.on('entry', (entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return { zip, entries };
}

const localName = (name) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one part through `handlers.open(name, attributes)`, `handlers.text(text)`
 * and `handlers.close(name)`, names without namespace prefix. yauzl checks the
 * inflated size against the directory's, so a part cannot expand past what
 * preflight accepted.
 */
export async function parsePart({ zip, entries }, partName, handlers) {
  const entry = entries.get(partName);
  if (!entry) throw new Error(`the part ${partName} is missing`);
  const stream = await new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const parser = new SaxesParser({ position: false });
  let failure = null;
  parser.on('error', (error) => {
    failure ??= new Error(`${partName}: ${error.message}`);
  });
  parser.on('opentag', (node) => handlers.open(localName(node.name), node.attributes));
  if (handlers.text) parser.on('text', handlers.text);
  if (handlers.close) parser.on('closetag', (node) => handlers.close(localName(node.name)));
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.write(chunk));
      if (failure) break;
    }
    if (!failure) parser.write(decoder.end()).close();
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
}
