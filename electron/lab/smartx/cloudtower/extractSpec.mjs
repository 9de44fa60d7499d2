#!/usr/bin/env node
// Build-time extractor: reads the full CloudTower 4.6.0 OpenAPI spec (kept
// outside the repo, ~2.4 MB) and writes the part the lab implements to
// specSubset.json, which is committed so the lab never reads files outside
// the repo at run time.
//
//   node electron/lab/smartx/cloudtower/extractSpec.mjs [path/to/cloudtower-api-4.6.0.openapi.json]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSubset, serializeSubset } from './specRules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const specName = 'cloudtower-api-4.6.0.openapi.json';
// The references sit beside the repo (../shared/reference); a git worktree one level deeper sees them at ../../shared.
const candidates = [process.env.RACKPILOT_REFERENCE_DIR, resolve(repoRoot, '../shared/reference'), resolve(repoRoot, '../../shared/reference')].filter(Boolean);
export const defaultSpecPath = candidates.map((dir) => resolve(dir, specName)).find((path) => existsSync(path)) ?? resolve(repoRoot, '../shared/reference', specName);
export const subsetPath = resolve(here, 'specSubset.json');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = resolve(process.argv[2] ?? defaultSpecPath);
  const subset = extractSubset(JSON.parse(readFileSync(input, 'utf8')));
  const text = serializeSubset(subset);
  writeFileSync(subsetPath, text);
  console.log(`Wrote ${Object.keys(subset.paths).length} operations and ${Object.keys(subset.components.schemas).length} schemas (${text.length} bytes) to ${subsetPath}`);
}
