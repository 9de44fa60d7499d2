import { describe, expect, it } from 'vitest';
import { say } from '../../../shared/i18n/engineText';
import { intFlag, parseArgs, UsageError } from './args';
import { checkStepName, oneOf, refuseFlags } from './options';

const values = new Set(['port', 'lang']);
const booleans = new Set(['json']);

/** The English a usage error says; it fails unless the error's catalogue text says the very same in English (one wording, two places). */
function usageErrorOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (!error.text) throw new Error(`no catalogue text on "${error.message}"`);
    expect(say('en', error.text)).toBe(error.message);
    return error.message;
  }
  throw new Error('no usage error');
}

describe('parseArgs', () => {
  it('separates positionals from flags in either spelling', () => {
    const args = parseArgs(['plan.xlsx', '--json', '--port', '0', '--lang=zh'], values, booleans);
    expect(args.positionals).toEqual(['plan.xlsx']);
    expect(args.flags.get('json')).toBe(true);
    expect(intFlag(args, 'port', 5, 0, 65535)).toBe(0);
    expect(args.flags.get('lang')).toBe('zh');
  });

  it('takes everything after -- as positionals', () => {
    expect(parseArgs(['--', '--json', '-x'], values, booleans).positionals).toEqual(['--json', '-x']);
  });

  it('refuses unknown flags, missing values and values on switches, naming the option', () => {
    expect(usageErrorOf(() => parseArgs(['--force'], values, booleans))).toBe('unknown option --force');
    expect(usageErrorOf(() => parseArgs(['-x'], values, booleans))).toBe('unknown option -x');
    expect(usageErrorOf(() => parseArgs(['--port'], values, booleans))).toBe('--port needs a value');
    expect(usageErrorOf(() => parseArgs(['--json=yes'], values, booleans))).toBe('--json takes no value');
  });

  it('range-checks numbers', () => {
    const args = parseArgs(['--port', '70000'], values, booleans);
    expect(() => intFlag(args, 'port', 0, 0, 65535)).toThrow(/0 to 65535/);
    expect(() => intFlag(parseArgs(['--port='], values, booleans), 'port', 0, 0, 65535)).toThrow(/whole number/);
  });
});

describe('option checks', () => {
  it('name the option, the allowed values and the value given, in English and in the catalogue alike', () => {
    expect(usageErrorOf(() => oneOf(parseArgs(['--lang', 'fr'], values, booleans), 'lang', ['en', 'zh', 'es'], 'en'))).toBe('--lang must be en, zh or es (not "fr")');
    expect(usageErrorOf(() => intFlag(parseArgs(['--port', '70000'], values, booleans), 'port', 0, 0, 65535))).toBe('--port must be a whole number from 0 to 65535');
    expect(usageErrorOf(() => checkStepName('pve.nope', ['pve.clone.a', 'pve.clone.b']))).toBe('--fail-step "pve.nope" matches no step of this plan; ids look like pve.clone.a, pve.clone.b (an id or its beginning)');
    const both = { positionals: [], flags: new Map<string, string | true>([['lab', true], ['profile', 'smartx']]) };
    expect(usageErrorOf(() => refuseFlags(both, ['lab', 'profile'], 'workbookOnly'))).toBe('--lab, --profile apply to a workbook deploy only');
    expect(usageErrorOf(() => refuseFlags(both, ['lab'], 'newRunOnly'))).toBe('--lab applies to a new run, not to --resume');
  });

  it('are said in Chinese from the same catalogue text', () => {
    try {
      refuseFlags({ positionals: [], flags: new Map([['targets', '3']]) }, ['targets'], 'demoOnly');
    } catch (error) {
      expect(say('zh', (error as UsageError).text!)).toBe('--targets 仅适用于 --demo');
      return;
    }
    throw new Error('no usage error');
  });
});
