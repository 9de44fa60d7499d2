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

  it('refuses unknown flags, missing values and values on switches', () => {
    expect(() => parseArgs(['--force'], values, booleans)).toThrow(UsageError);
    expect(() => parseArgs(['--port'], values, booleans)).toThrow(/needs a value/);
    expect(() => parseArgs(['--json=yes'], values, booleans)).toThrow(/takes no value/);
  });

  it('range-checks numbers', () => {
    const args = parseArgs(['--port', '70000'], values, booleans);
    expect(() => intFlag(args, 'port', 0, 0, 65535)).toThrow(/0 to 65535/);
  });
});
