import { ShellSyntaxError, tokenize, type RedirectOp, type Token, type Word } from './tokenizer';

/*
 * script   := item*            item := andOr (';' | newline | '&')?
 * andOr    := command (('&&' | '||') newline* command)*
 * command  := assignment* (word | redirect word)+
 */

export interface Redirect {
  fd: number;
  op: RedirectOp;
  target: Word;
}
export interface Assignment {
  name: string;
  value: Word;
}
export interface SimpleCommand {
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}
export interface AndOr {
  first: SimpleCommand;
  rest: Array<{ op: '&&' | '||'; command: SimpleCommand }>;
}
export interface ScriptItem {
  andOr: AndOr;
  background: boolean;
}

const reservedWords = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select', '{', '}', '[[', ']]', '!']);

/** The literal text of a word with no variables and nothing quoted, or null. */
export function plainText(word: Word): string | null {
  return word.parts.every((part) => part.kind === 'text' && !part.quoted) ? word.parts.map((part) => (part.kind === 'text' ? part.value : '')).join('') : null;
}

function assignmentOf(word: Word): Assignment | null {
  const [first, ...rest] = word.parts;
  if (first?.kind !== 'text' || first.quoted) return null;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
  if (!match) return null;
  const remainder = first.value.slice(match[0].length);
  return { name: match[1]!, value: { parts: [...(remainder ? [{ ...first, value: remainder }] : []), ...rest] } };
}

const unexpected = (token: Token | undefined): never => {
  const shown = token === undefined || (token.type === 'op' && token.op === 'newline') ? 'newline' : token.type === 'word' ? 'word' : token.op;
  throw new ShellSyntaxError(`syntax error near unexpected token \`${shown}'`);
};

export function parseScript(script: string): ScriptItem[] {
  const tokens = tokenize(script);
  let position = 0;
  const peek = () => tokens[position];
  const isOp = (token: Token | undefined, ...ops: string[]) => token?.type === 'op' && ops.includes(token.op);

  const command = (): SimpleCommand => {
    const parsed: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (let token = peek(); token && token.type !== 'op'; token = peek()) {
      position++;
      if (token.type === 'redirect') {
        const target = peek();
        if (target?.type !== 'word') unexpected(target);
        position++;
        parsed.redirects.push({ fd: token.fd, op: token.op, target: (target as Extract<Token, { type: 'word' }>).word });
        continue;
      }
      const assignment = parsed.words.length === 0 ? assignmentOf(token.word) : null;
      if (assignment) {
        parsed.assignments.push(assignment);
        continue;
      }
      const literal = plainText(token.word);
      if (parsed.words.length === 0 && literal !== null && reservedWords.has(literal)) throw new ShellSyntaxError(`\`${literal}' is not simulated by the lab`);
      parsed.words.push(token.word);
    }
    if (parsed.words.length === 0 && parsed.assignments.length === 0 && parsed.redirects.length === 0) unexpected(peek());
    return parsed;
  };

  const items: ScriptItem[] = [];
  while (position < tokens.length) {
    if (isOp(peek(), 'newline')) {
      position++;
      continue;
    }
    const andOr: AndOr = { first: command(), rest: [] };
    while (isOp(peek(), '&&', '||')) {
      const op = (peek() as { op: '&&' | '||' }).op;
      position++;
      while (isOp(peek(), 'newline')) position++;
      andOr.rest.push({ op, command: command() });
    }
    const terminator = peek();
    if (terminator && !isOp(terminator, ';', '&', 'newline')) unexpected(terminator);
    position++;
    items.push({ andOr, background: isOp(terminator, '&') });
  }
  return items;
}
