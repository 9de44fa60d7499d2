#!/usr/bin/env node
// Fails when a file imports across a layer boundary of ARCHITECTURE.md.
// Each rule names the folder it governs and what it may not import; the
// check reads import specifiers, so it needs no build and runs in a second.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const rules = [
  { layer: 'shared', forbid: [/^node:/, /^electron$/, /^(fs|path|os|child_process|net|http|https|crypto|worker_threads|stream)$/], forbidDirs: ['electron', 'renderer'], why: 'shared/ is pure TypeScript: no Node, no Electron, no other layer' },
  { layer: 'electron/engine', forbid: [/^electron(\/|$)/], forbidDirs: ['electron/main', 'electron/preload', 'electron/host', 'electron/lab', 'renderer'], why: 'the engine never imports the shell, the hosts, the lab or the renderer' },
  { layer: 'electron/lab', forbid: [/^electron(\/|$)/], forbidDirs: ['electron/engine', 'renderer'], why: 'a simulator written from the engine agrees with it by construction' },
  { layer: 'renderer', forbid: [/^node:/, /^electron(\/|$)/, /^(fs|path|os|child_process|net|http|https|crypto|ws|better-sqlite3|ssh2|exceljs|axios)$/], forbidDirs: ['electron'], why: 'the renderer imports only shared/ and itself' },
];

const sourceFile = /\.(ts|tsx|mts|cts|js|mjs)$/;
const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('dist')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (sourceFile.test(name)) yield full;
  }
}

export function findViolations(base = root) {
  const violations = [];
  for (const rule of rules) {
    const layerDir = join(base, rule.layer);
    let files;
    try { files = [...walk(layerDir)]; } catch { continue; }
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
      for (const match of text.matchAll(importPattern)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
        const where = relative(base, file);
        if (rule.forbid.some((re) => re.test(spec))) {
          violations.push(`${where}: imports "${spec}" (${rule.why})`);
          continue;
        }
        if (spec.startsWith('.')) {
          const target = relative(base, resolve(dirname(file), spec)).split(sep).join('/');
          const hit = rule.forbidDirs.find((dir) => target === dir || target.startsWith(dir + '/'));
          if (hit) violations.push(`${where}: imports "${spec}" from ${hit}/ (${rule.why})`);
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ? resolve(process.argv[2]) : root;
  const violations = findViolations(base);
  if (violations.length > 0) {
    console.error(`Layer rules broken (${violations.length}):\n  ` + violations.join('\n  '));
    process.exit(1);
  }
  console.log('Layer rules hold.');
}
