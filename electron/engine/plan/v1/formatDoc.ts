import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { v1Sheets } from './columns';
import type { ColumnDef, ColumnType, SheetDef } from './columnTypes';

/*
 * Renders the sheet and column tables of FORMAT.md from columns.ts, so the
 * documentation cannot drift from the importer. `npx tsx
 * electron/engine/plan/v1/formatDoc.ts` rewrites the generated part; a test
 * fails when it is stale.
 */

export const BEGIN = '<!-- generated:columns:begin -->';
export const END = '<!-- generated:columns:end -->';

function typeText(type: ColumnType): string {
  switch (type.kind) {
    case 'string':
      return type.maxLength ? `text (≤ ${type.maxLength})` : 'text';
    case 'text':
      return 'multi-line text';
    case 'int':
      return 'whole number';
    case 'ip':
      return 'IPv4 address';
    case 'cidr':
      return 'subnet (CIDR)';
    case 'fingerprint':
      return 'SHA-256 fingerprint or SHA-1 thumbprint';
    case 'sha256':
      return 'SHA-256 (64 hex)';
    case 'size':
      return `size → ${type.unit} (bare number = ${type.bareUnit}${type.round === 'up' ? ', rounded up' : ''})`;
    case 'duration':
      return 'duration → seconds';
    case 'enum':
      return `one of ${type.values.map((value) => `\`${value}\``).join(', ')}`;
    case 'list':
      return 'list';
    case 'secret':
      return 'secret';
    case 'ref':
      return `${type.list ? 'names' : 'name'} from ${sheetTitle(type.sheet)}${type.allowAll ? ', or `all`' : ''}`;
    case 'bool':
      return 'yes/no';
  }
}

function sheetTitle(key: string): string {
  const sheet = v1Sheets.find((candidate) => candidate.key === key);
  return sheet ? `*${sheet.name.en}*` : key;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function defaultText(column: ColumnDef): string {
  if (column.default === undefined || column.default === null) return '';
  if (Array.isArray(column.default)) return column.default.length === 0 ? '' : column.default.join(', ');
  return String(column.default);
}

function renderSheet(sheet: SheetDef): string {
  const lines = [
    `### ${sheet.name.en} (${sheet.name.zh} · ${sheet.name.es})${sheet.required ? ' — required' : ''}`,
    '',
    sheet.help.en,
    '',
    sheet.layout === 'keyValue' ? '| Label (en · zh · es) | Value | Required | Default | Meaning |' : '| Header (en · zh · es) | Type | Required | Default | Meaning |',
    '|---|---|---|---|---|',
  ];
  for (const column of sheet.columns) {
    const headers = [...new Set([column.header.en, column.header.zh, column.header.es])].join(' · ');
    const synonyms = column.synonyms && column.synonyms.length > 0 ? `<br>also: ${column.synonyms.join(', ')}` : '';
    lines.push(`| **${escape(headers)}**${escape(synonyms)} | ${escape(typeText(column.type))} | ${column.required ? 'yes' : ''} | ${escape(defaultText(column))} | ${escape(column.help.en)} |`);
  }
  return lines.join('\n');
}

export function renderColumnTables(): string {
  return [BEGIN, '', ...v1Sheets.map(renderSheet).flatMap((block) => [block, '']), END].join('\n');
}

export function replaceGenerated(document: string): string {
  const start = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error('FORMAT.md has no generated section markers');
  return document.slice(0, start) + renderColumnTables() + document.slice(end + END.length);
}

export const formatDocPath = fileURLToPath(new URL('./FORMAT.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const document = await readFile(formatDocPath, 'utf8');
  await writeFile(formatDocPath, replaceGenerated(document));
  console.log(`Updated ${formatDocPath}`);
}
