#!/usr/bin/env node
// Lists the engine's words a user reads that are still English literals
// instead of catalogue text (issue 11: every string a user sees comes from the
// catalogues). It reads the source with TypeScript's own parser, so a call
// split over lines or a template string is seen as the compiler sees it.
//
//   node scripts/checkEngineText.mjs [folder ...] [--list]
//
// Looked at: the title and the `hint` of `appError(code, title, {hint})` and
// `fail(code, title, {hint})`, and the words of `log(level, words)` /
// `x.log(level, words)` / `x.log?.(level, words)`, the message and detail of
// a preflight `check(id, status, message, detail)`, what a cancelled wait
// names (`sleep`, `cancelledFailure`, `normalizeFingerprint`), and a step's `title`
// written in English without a `titleKey` beside it. Left out: errors coded
// `internal` (a programming bug, not something an engineer acts on), tests,
// test kits, and the lab's simulators (they speak for the platform).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const defaultFolders = ['electron', 'shared'];
const logLevels = new Set(['debug', 'info', 'warn', 'error']);
const checkStatuses = new Set(['ok', 'warning', 'blocker', 'skipped']);
const skippedPath = /(\.test\.tsx?$|[tT]est(Kit|Fakes|Runs)\.ts$|\.d\.ts$|\/testing\/|\/integration\/|^electron\/lab\/)/;

function sourceFiles(folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** An English literal, or words built only from literals and values (`a ${b}`, 'a' + b). */
function isLiteralWords(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /[A-Za-z]{2,}/.test(node.text);
  if (ts.isTemplateExpression(node)) return /[A-Za-z]{2,}/.test(node.head.text + node.templateSpans.map((span) => span.literal.text).join(''));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isLiteralWords(node.left) || isLiteralWords(node.right);
  if (ts.isConditionalExpression(node)) return isLiteralWords(node.whenTrue) || isLiteralWords(node.whenFalse);
  if (ts.isParenthesizedExpression(node)) return isLiteralWords(node.expression);
  return false;
}

function calleeName(call) {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

function stringValue(node) {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
}

/** The English sites of one file: `{ line, what }`. */
export function englishSitesIn(path, text = readFileSync(path, 'utf8')) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const sites = [];
  const note = (node, what) => sites.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const [first, second, third] = node.arguments;
      if ((name === 'appError' || name === 'fail') && stringValue(first) !== null && stringValue(first) !== 'internal' && second) {
        if (isLiteralWords(second)) note(second, `${name} title`);
        if (third && ts.isObjectLiteralExpression(third)) {
          for (const property of third.properties) {
            if (ts.isPropertyAssignment(property) && property.name.getText(source) === 'hint' && isLiteralWords(property.initializer)) note(property.initializer, `${name} hint`);
          }
        }
      }
      if (name === 'log' && logLevels.has(stringValue(first) ?? '') && second && isLiteralWords(second)) note(second, 'log line');
      // What a cancelled wait names: `sleep(ms, signal, what)`, `cancelledFailure(what)`, `normalizeFingerprint(text, where)`.
      const named = { sleep: third, cancelledFailure: first, normalizeFingerprint: second }[name];
      if (named && isLiteralWords(named)) note(named, `${name} words`);
      if (name === 'check' && checkStatuses.has(stringValue(second) ?? '')) {
        for (const words of node.arguments.slice(2)) if (isLiteralWords(words)) note(words, 'check message');
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      const named = (key) => node.properties.find((property) => (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && property.name.getText(source) === key);
      const title = named('title');
      // A step spec: it has a kind and a target, and its English title needs a key the readers translate.
      if (title && ts.isPropertyAssignment(title) && named('kind') && named('target') && !named('titleKey') && isLiteralWords(title.initializer)) note(title.initializer, 'step title');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** Every English site under `folders` (paths relative to the repository). */
export function englishSites(folders = defaultFolders, root = repoRoot) {
  const found = [];
  for (const folder of folders) {
    const at = resolve(root, folder);
    for (const path of statSync(at).isDirectory() ? sourceFiles(at) : [at]) {
      const relativePath = relative(root, path);
      if (skippedPath.test(relativePath)) continue;
      for (const site of englishSitesIn(path)) found.push({ file: relativePath, ...site });
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const folders = args.filter((arg) => !arg.startsWith('--'));
  const sites = englishSites(folders.length > 0 ? folders : defaultFolders);
  const perFile = new Map();
  for (const site of sites) perFile.set(site.file, (perFile.get(site.file) ?? 0) + 1);
  if (list) for (const site of sites) console.log(`${site.file}:${site.line}  ${site.what}`);
  else for (const [file, count] of [...perFile].sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(4)}  ${file}`);
  console.log(`${sites.length} English site(s) in ${perFile.size} file(s)`);
  process.exitCode = sites.length > 0 ? 1 : 0;
}
