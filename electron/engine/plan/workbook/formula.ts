import { parseAddress } from './address';
import { valueAsText, type CellValue } from './cellValue';

/*
 * A deliberately small formula evaluator for cells saved without a result
 * (openpyxl writes formulas that way; so do some templates). It handles what
 * planning workbooks use to repeat values: plain references (`B3`,
 * `虚拟网络!B3`, `'Sheet name'!$B$3`), literals, `&` and CONCATENATE/CONCAT.
 * Everything else is refused with a reason, never guessed.
 */

export type UnsupportedReason =
  | { kind: 'function'; name: string }
  | { kind: 'operator'; name: string }
  | { kind: 'range' }
  | { kind: 'name'; name: string }
  | { kind: 'sheet'; name: string }
  | { kind: 'cycle' }
  | { kind: 'syntax' };

export class FormulaUnsupported extends Error {
  constructor(readonly reason: UnsupportedReason) {
    super(`unsupported formula: ${reason.kind}`);
    this.name = 'FormulaUnsupported';
  }
}

export type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'ref'; sheet: string | null; address: string }
  | { kind: 'func'; name: string }
  /** Operators other than `&`, kept as tokens so the evaluator names the first thing it cannot do. */
  | { kind: 'op'; name: string }
  /** A defined name or anything else that is not an address. */
  | { kind: 'name'; name: string }
  | { kind: 'amp' | 'lparen' | 'rparen' | 'comma' | 'colon' };

const OPERATOR_CHARS = '+-*/^=<>%;{}#@';
/** Characters that end a bare word (identifier, unquoted sheet name or address). */
const WORD_END = /[\s&(),"'!:+\-*/^=<>%;{}#@]/;

function readQuoted(formula: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  let at = start + 1;
  for (;;) {
    if (at >= formula.length) throw new FormulaUnsupported({ kind: 'syntax' });
    const char = formula[at]!;
    if (char === quote) {
      if (formula[at + 1] === quote) {
        text += quote;
        at += 2;
        continue;
      }
      return { text, end: at + 1 };
    }
    text += char;
    at++;
  }
}

function readWord(formula: string, start: number): { word: string; end: number } {
  let end = start;
  while (end < formula.length && !WORD_END.test(formula[end]!)) end++;
  return { word: formula.slice(start, end), end };
}

function refToken(sheet: string | null, word: string): Token {
  if (!parseAddress(word)) return { kind: 'name', name: sheet === null ? word : `${sheet}!${word}` };
  return { kind: 'ref', sheet, address: word.replace(/\$/g, '').toUpperCase() };
}

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let at = formula.startsWith('=') ? 1 : 0;
  while (at < formula.length) {
    const char = formula[at]!;
    if (/\s/.test(char)) at++;
    else if (char === '&') (tokens.push({ kind: 'amp' }), at++);
    else if (char === '(') (tokens.push({ kind: 'lparen' }), at++);
    else if (char === ')') (tokens.push({ kind: 'rparen' }), at++);
    else if (char === ',') (tokens.push({ kind: 'comma' }), at++);
    else if (char === '"') {
      const { text, end } = readQuoted(formula, at, '"');
      tokens.push({ kind: 'string', value: text });
      at = end;
    } else if (char === "'") {
      const { text: sheet, end } = readQuoted(formula, at, "'");
      if (formula[end] !== '!') throw new FormulaUnsupported({ kind: 'syntax' });
      const { word, end: wordEnd } = readWord(formula, end + 1);
      tokens.push(refToken(sheet, word));
      at = wordEnd;
    } else if (/[0-9.]/.test(char)) {
      const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(formula.slice(at));
      if (!match) throw new FormulaUnsupported({ kind: 'syntax' });
      tokens.push({ kind: 'number', value: Number(match[0]) });
      at += match[0].length;
    } else if (char === ':') {
      tokens.push({ kind: 'colon' });
      at++;
    } else if (OPERATOR_CHARS.includes(char)) {
      const name = /^(<>|<=|>=)/.exec(formula.slice(at))?.[0] ?? char;
      tokens.push({ kind: 'op', name });
      at += name.length;
    } else {
      const { word, end } = readWord(formula, at);
      if (word === '') throw new FormulaUnsupported({ kind: 'syntax' });
      const next = formula[end];
      if (next === '!') {
        const { word: address, end: addressEnd } = readWord(formula, end + 1);
        tokens.push(refToken(word, address));
        at = addressEnd;
        continue;
      }
      if (next === '(') tokens.push({ kind: 'func', name: word.toUpperCase().replace(/^_XLFN\./, '') });
      else if (/^(TRUE|FALSE)$/i.test(word)) tokens.push({ kind: 'bool', value: word.toUpperCase() === 'TRUE' });
      else tokens.push(refToken(null, word));
      at = end;
    }
  }
  return tokens;
}

export interface FormulaContext {
  /** The value of a referenced cell (sheet null = the formula's own sheet); throws FormulaUnsupported when it cannot be known. */
  lookup(sheet: string | null, address: string): CellValue;
}

const CONCAT_FUNCTIONS = new Set(['CONCATENATE', 'CONCAT']);

/** Evaluates with one token of lookahead; `&` is the only binary operator. */
export function evaluateFormula(formula: string, context: FormulaContext): CellValue {
  const tokens = tokenize(formula);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  /** The first token the grammar cannot use, named as precisely as possible. */
  const unsupported = (token: Token | undefined): FormulaUnsupported => {
    if (token?.kind === 'op') return new FormulaUnsupported({ kind: 'operator', name: token.name });
    if (token?.kind === 'colon') return new FormulaUnsupported({ kind: 'range' });
    if (token?.kind === 'name') return new FormulaUnsupported({ kind: 'name', name: token.name });
    return new FormulaUnsupported({ kind: 'syntax' });
  };
  const expect = (kind: Token['kind']): void => {
    if (tokens[at]?.kind !== kind) throw unsupported(tokens[at]);
    at++;
  };

  function operand(): CellValue {
    const token = tokens[at++];
    if (!token) throw unsupported(token);
    if (token.kind === 'ref' && peek()?.kind === 'colon') throw new FormulaUnsupported({ kind: 'range' });
    switch (token.kind) {
      case 'number':
      case 'string':
      case 'bool':
        return token.value;
      case 'ref':
        return context.lookup(token.sheet, token.address);
      case 'lparen': {
        const value = expression();
        expect('rparen');
        return value;
      }
      case 'func': {
        if (!CONCAT_FUNCTIONS.has(token.name)) throw new FormulaUnsupported({ kind: 'function', name: token.name });
        expect('lparen');
        const parts: string[] = [];
        if (peek()?.kind !== 'rparen') {
          parts.push(valueAsText(expression()));
          while (peek()?.kind === 'comma') {
            at++;
            parts.push(valueAsText(expression()));
          }
        }
        expect('rparen');
        return parts.join('');
      }
      default:
        throw unsupported(token);
    }
  }

  function expression(): CellValue {
    const first = operand();
    if (peek()?.kind !== 'amp') return first;
    let text = valueAsText(first);
    while (peek()?.kind === 'amp') {
      at++;
      text += valueAsText(operand());
    }
    return text;
  }

  const result = expression();
  if (at !== tokens.length) throw unsupported(tokens[at]);
  return result;
}
