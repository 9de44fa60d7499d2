#!/usr/bin/env node
// Fails when a file imports across a layer boundary of ARCHITECTURE.md
// (the rules are in layerRules.mjs).
//
// dependency-cruiser reads every import, export-from, import(), require()
// and package subpath import (#x) and resolves it with the TypeScript
// configuration the compiler uses, so a re-export or a dynamic import is
// seen like any import. What it cannot see, a short pass with the
// compiler's own parser adds: files a module runs by URL
// (`new Worker(new URL('./w.mjs', import.meta.url))`) and the functions
// `createRequire()` returns (named ones are handed to dependency-cruiser as
// require functions; a call of one inline is resolved with the compiler's
// module resolution and checked against the same rules).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import ts from 'typescript';
import { layerRules } from './layerRules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const layerDirs = ['shared', 'electron', 'renderer'];
const sourceFile = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const skipped = /(^|\/)(node_modules|dist[^/]*)(\/|$)/;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (skipped.test(name)) continue;
    if (statSync(full).isDirectory()) yield* walk(full);
    else if (sourceFile.test(name)) yield full;
  }
}

const toPosix = (path) => path.split(sep).join('/');

/** `new URL('<literal>', import.meta.url)` */
function urlOfModule(node) {
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'URL') return null;
  const [spec, base] = node.arguments ?? [];
  if (!spec || !base || !ts.isStringLiteralLike(spec)) return null;
  const isImportMetaUrl = ts.isPropertyAccessExpression(base) && ts.isMetaProperty(base.expression) && base.name.text === 'url';
  return isImportMetaUrl ? spec.text : null;
}

const isCreateRequireCall = (node) =>
  ts.isCallExpression(node) &&
  ((ts.isIdentifier(node.expression) && node.expression.text === 'createRequire') ||
    (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'createRequire'));

/** What the parser finds that dependency-cruiser does not: URL-loaded files, createRequire functions, and inline calls of one. */
function scanExotic(base, files) {
  const urlEdges = [];
  const requireNames = new Set();
  const inlineRequires = [];
  const specOf = (call) => (call.arguments[0] && ts.isStringLiteralLike(call.arguments[0]) ? call.arguments[0].text : null);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('import.meta') && !text.includes('createRequire')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    const from = toPosix(relative(base, file));
    const visit = (node) => {
      const url = urlOfModule(node);
      if (url !== null && /^\.\.?\//.test(url)) urlEdges.push({ from, spec: url, to: toPosix(relative(base, resolve(dirname(file), url))) });
      if (ts.isVariableDeclaration(node) && node.initializer && isCreateRequireCall(node.initializer) && ts.isIdentifier(node.name)) requireNames.add(node.name.text);
      if (ts.isCallExpression(node) && isCreateRequireCall(node.expression) && specOf(node) !== null) inlineRequires.push({ from, file, spec: specOf(node) });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { urlEdges, requireNames: [...requireNames], inlineRequires };
}

function compilerOptionsOf(tsConfigPath) {
  if (!existsSync(tsConfigPath)) return { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true };
  const { config } = ts.readConfigFile(tsConfigPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(tsConfigPath)).options;
}

/** Where a module specifier leads, as the compiler resolves it: a Node built-in, a package, one of our files, or nowhere. */
function resolveSpec(base, file, spec, options) {
  if (isBuiltin(spec)) return { to: spec.replace(/^node:/, ''), types: ['core'] };
  const resolved = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule;
  if (!resolved) return { to: spec, types: ['unknown'] };
  return { to: toPosix(relative(base, resolved.resolvedFileName)), types: [resolved.isExternalLibraryImport ? 'npm' : 'local'] };
}

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const anyMatch = (patterns, text, groups = []) =>
  patterns.some((pattern) => new RegExp(pattern.replace(/\$(\d)/g, (_, index) => (groups[Number(index)] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).test(text));

/** The rules applied to an edge dependency-cruiser never saw, with its semantics: path any-of, pathNot none-of, $1 from the `from` match. */
function ruleBreaks(rule, from, to, types) {
  const fromPaths = asList(rule.from.path);
  const fromMatch = fromPaths.map((pattern) => new RegExp(pattern).exec(from)).find(Boolean);
  if (fromPaths.length > 0 && !fromMatch) return false;
  if (anyMatch(asList(rule.from.pathNot), from)) return false;
  const groups = fromMatch ? [...fromMatch] : [];
  const toPaths = asList(rule.to.path);
  if (toPaths.length > 0 && !anyMatch(toPaths, to, groups)) return false;
  if (anyMatch(asList(rule.to.pathNot), to, groups)) return false;
  if (rule.to.dependencyTypes && !rule.to.dependencyTypes.some((type) => types.includes(type))) return false;
  return true;
}

export async function findViolations(base = root) {
  const dirs = layerDirs.filter((dir) => existsSync(join(base, dir)));
  if (dirs.length === 0) return [];
  const files = dirs.flatMap((dir) => [...walk(join(base, dir))]);
  const exotic = scanExotic(base, files);
  const tsConfigPath = join(base, 'tsconfig.json');
  const withTsConfig = existsSync(tsConfigPath);
  const previous = process.cwd();
  process.chdir(base);
  let result;
  try {
    result = await cruise(
      dirs,
      {
        baseDir: base,
        validate: true,
        ruleSet: { forbidden: layerRules },
        tsPreCompilationDeps: true,
        exoticRequireStrings: exotic.requireNames,
        // Packages stay in the graph (rules name some) but are not cruised; builds are not ours to check.
        exclude: { path: '(^|/)dist[^/]*/' },
        doNotFollow: { path: 'node_modules' },
        ...(withTsConfig ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
      },
      {},
      withTsConfig ? { tsConfig: extractTSConfig(tsConfigPath) } : {},
    );
  } finally {
    process.chdir(previous);
  }
  const comments = new Map(layerRules.map((rule) => [rule.name, rule.comment]));
  const violations = result.output.summary.violations.map(
    (violation) => `${violation.from}: imports ${violation.to} [${violation.rule.name}] (${comments.get(violation.rule.name)})`,
  );
  for (const edge of exotic.urlEdges) {
    for (const rule of layerRules.filter((candidate) => ruleBreaks(candidate, edge.from, edge.to, ['local']))) {
      violations.push(`${edge.from}: loads ${edge.to} by URL (new URL("${edge.spec}", import.meta.url)) [${rule.name}] (${rule.comment})`);
    }
  }
  const options = compilerOptionsOf(tsConfigPath);
  for (const { from, file, spec } of exotic.inlineRequires) {
    const { to, types } = resolveSpec(base, file, spec, options);
    for (const rule of layerRules.filter((candidate) => ruleBreaks(candidate, from, to, types))) {
      violations.push(`${from}: requires ${to} (createRequire(...)("${spec}")) [${rule.name}] (${rule.comment})`);
    }
  }
  return violations.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ? resolve(process.argv[2]) : root;
  const violations = await findViolations(base);
  if (violations.length > 0) {
    console.error(`Layer rules broken (${violations.length}):\n  ` + violations.join('\n  '));
    process.exit(1);
  }
  console.log('Layer rules hold.');
}
