import { describe, expect, it } from 'vitest';
import { intFlag, parseArgs, UsageError } from './args';

const values = new Set(['port', 'lang']);
const booleans = new Set(['json']);

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
    expect(() => parseArgs(['--force'], values, booleans)).toThrow(new UsageError('unknown option --force'));
    expect(() => parseArgs(['-x'], values, booleans)).toThrow(new UsageError('unknown option -x'));
    expect(() => parseArgs(['--port'], values, booleans)).toThrow(new UsageError('--port needs a value'));
    expect(() => parseArgs(['--json=yes'], values, booleans)).toThrow(new UsageError('--json takes no value'));
  });

  it('range-checks numbers', () => {
    const args = parseArgs(['--port', '70000'], values, booleans);
    expect(() => intFlag(args, 'port', 0, 0, 65535)).toThrow(/0 to 65535/);
    expect(() => intFlag(parseArgs(['--port='], values, booleans), 'port', 0, 0, 65535)).toThrow(/whole number/);
  });
});
