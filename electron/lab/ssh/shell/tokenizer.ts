/*
 * Splits a script into words, operators and redirections the way a POSIX
 * shell does for the subset the lab runs. Variables stay unexpanded in the
 * words ($? changes between commands); everything outside the subset is a
 * ShellSyntaxError that says so, never a silent misreading.
 */

export type WordPart = { kind: 'text'; value: string; quoted: boolean } | { kind: 'var'; name: string; quoted: boolean };
export interface Word {
  parts: WordPart[];
}
export type Operator = ';' | '&&' | '||' | '&' | 'newline';
export type RedirectOp = '>' | '>>' | '<' | '>&';
export type Token = { type: 'word'; word: Word } | { type: 'op'; op: Operator } | { type: 'redirect'; fd: number; op: RedirectOp };

export class ShellSyntaxError extends Error {}

const notSimulated = (what: string): never => {
  throw new ShellSyntaxError(`${what} is not simulated by the lab`);
};

const unexpectedEnd = (quote: string): never => {
  throw new ShellSyntaxError(`unexpected EOF while looking for matching \`${quote}'`);
};

const nameStart = /[A-Za-z_]/;
const nameChar = /[A-Za-z0-9_]/;

export function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] | null = null;
  let index = 0;
  const text = (value: string, quoted: boolean) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last?.kind === 'text' && last.quoted === quoted) last.value += value;
    else parts.push({ kind: 'text', value, quoted });
  };
  const endWord = () => {
    if (parts) tokens.push({ type: 'word', word: { parts } });
    parts = null;
  };
  /** After a `$`: a variable, or a literal `$` when nothing nameable follows. */
  const variable = (quoted: boolean) => {
    const next = script[index];
    if (next === '(') notSimulated('$(…) command substitution');
    if (next === '?' || next === '!' || next === '$' || next === '#' || next === '@' || next === '*' || (next !== undefined && /[0-9]/.test(next))) {
      index++;
      return void (parts ??= []).push({ kind: 'var', name: next, quoted });
    }
    if (next === '{') {
      const close = script.indexOf('}', index);
      if (close < 0) unexpectedEnd('}');
      const name = script.slice(index + 1, close);
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[?!$#@*0-9])$/.test(name)) notSimulated(`\${${name}} expansion`);
      index = close + 1;
      return void (parts ??= []).push({ kind: 'var', name, quoted });
    }
    if (next === undefined || !nameStart.test(next)) return text('$', quoted);
    let name = '';
    while (index < script.length && nameChar.test(script[index]!)) name += script[index++];
    (parts ??= []).push({ kind: 'var', name, quoted });
  };
  while (index < script.length) {
    const char = script[index++]!;
    if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
    } else if (char === '\\') {
      if (script[index] === '\n') index++;
      else if (index < script.length) text(script[index++]!, true);
    } else if (char === '#' && parts === null) {
      while (index < script.length && script[index] !== '\n') index++;
    } else if (char === '\n' || char === ';') {
      endWord();
      if (script[index] === ';' && char === ';') notSimulated('`;;\'');
      tokens.push({ type: 'op', op: char === ';' ? ';' : 'newline' });
    } else if (char === '&') {
      endWord();
      if (script[index] === '>') notSimulated('`&>\' redirection');
      const both = script[index] === '&';
      if (both) index++;
      tokens.push({ type: 'op', op: both ? '&&' : '&' });
    } else if (char === '|') {
      endWord();
      if (script[index] !== '|') notSimulated('a pipe `|\'');
      index++;
      tokens.push({ type: 'op', op: '||' });
    } else if (char === '>' || char === '<') {
      const current = parts as WordPart[] | null;
      const only = current?.length === 1 ? current[0] : undefined;
      const fd = only?.kind === 'text' && !only.quoted && /^[0-9]$/.test(only.value) ? Number(only.value) : null;
      if (fd !== null) parts = null;
      else endWord();
      let op: RedirectOp = char;
      if (char === '<' && script[index] === '<') notSimulated('a here-document `<<\'');
      if (char === '>' && script[index] === '>') (op = '>>'), index++;
      else if (char === '>' && script[index] === '&') (op = '>&'), index++;
      else if (char === '>' && script[index] === '|') index++;
      tokens.push({ type: 'redirect', fd: fd ?? (char === '<' ? 0 : 1), op });
    } else if (char === '(' || char === ')') {
      notSimulated('a subshell or group `( )\'');
    } else if (char === '`') {
      notSimulated('`…` command substitution');
    } else if (char === "'") {
      const close = script.indexOf("'", index);
      if (close < 0) unexpectedEnd("'");
      text(script.slice(index, close), true);
      index = close + 1;
    } else if (char === '"') {
      text('', true);
      for (;;) {
        if (index >= script.length) unexpectedEnd('"');
        const inner = script[index++]!;
        if (inner === '"') break;
        if (inner === '\\' && index < script.length && '$`"\\\n'.includes(script[index]!)) {
          const escaped = script[index++]!;
          if (escaped !== '\n') text(escaped, true);
        } else if (inner === '$') variable(true);
        else if (inner === '`') notSimulated('`…` command substitution');
        else text(inner, true);
      }
    } else if (char === '$') {
      variable(false);
    } else {
      text(char, false);
    }
  }
  endWord();
  return tokens;
}
