#!/usr/bin/env node
// Build-time extractor: reads the full Proxmox VE API schema (the API viewer's
// apidoc, ~1.2 MB, kept outside the repo) and writes the subset for the
// methods the lab implements to pveSchemaSubset.json, which is committed so
// the lab never depends on files outside the repo at run time.
//
//   node electron/lab/proxmox/schema/extractSchema.mjs [path/to/proxmox-ve-api-schema.json]
//
// What is extracted, and how, lives in subsetRules.mjs (shared with the lab).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSubset, serializeSubset } from './subsetRules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../../..');
export const defaultSchemaPath = resolve(repoRoot, '../shared/reference/proxmox-ve-api-schema.json');
export const subsetPath = resolve(here, 'pveSchemaSubset.json');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = resolve(process.argv[2] ?? defaultSchemaPath);
  const subset = extractSubset(JSON.parse(readFileSync(input, 'utf8')));
  const text = serializeSubset(subset);
  writeFileSync(subsetPath, text);
  console.log(`Wrote ${subset.methods.length} methods (${text.length} bytes) to ${subsetPath}`);
}
