import { describe, expect, it } from 'vitest';
import { countFindings, createFindingMaker, defineFindingCodes, fillTemplate, findingCodes, findingLangs, makeFinding } from './findingCodes';
import { findingSchema } from './findings';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('the finding catalogue', () => {
  it('has every message and hint in every language, with the same placeholders', () => {
    for (const [code, entry] of Object.entries(findingCodes)) {
      const [enMessage, enHint, enHintIf] = entry.en;
      for (const lang of findingLangs) {
        const [message, hint, hintIf] = entry[lang];
        expect(message.length, `${code} ${lang}`).toBeGreaterThan(0);
        expect(hint.length, `${code} ${lang}`).toBeGreaterThan(0);
        expect(new Set(placeholders(message)), `${code} ${lang} message`).toEqual(new Set(placeholders(enMessage)));
        expect(new Set(placeholders(hint)), `${code} ${lang} hint`).toEqual(new Set(placeholders(enHint)));
        expect(Object.keys(hintIf ?? {}), `${code} ${lang} hintIf`).toEqual(Object.keys(enHintIf ?? {}));
      }
      expect(code).toMatch(/^[a-z0-9]+(\.[a-z0-9_]+)+$/);
    }
  });
});

describe('makeFinding', () => {
  it('fills the message and hint, with where it points', () => {
    const finding = makeFinding('ip.outside_cidr', { sheet: 'VMs', cell: 'H7' }, { value: '10.0.9.5', network: 'mgmt', cidr: '10.0.20.0/24' });
    expect(findingSchema.parse(finding)).toEqual({
      severity: 'error',
      code: 'ip.outside_cidr',
      sheet: 'VMs',
      cell: 'H7',
      message: 'The IP address 10.0.9.5 in VMs!H7 is outside mgmt (10.0.20.0/24).',
      hint: 'Use an address inside 10.0.20.0/24, or pick the right network.',
    });
  });

  it('speaks the requested language', () => {
    const where = { sheet: '虚拟机', cell: 'C3' };
    expect(makeFinding('value.required', where, { field: '名称' }, 'zh').message).toBe('名称为必填项（虚拟机!C3 为空）。');
    expect(makeFinding('value.required', where, { field: 'Nombre' }, 'es').hint).toBe('Rellene 虚拟机!C3.');
  });

  it('uses the alternative hint when its parameter is given', () => {
    const params = { field: 'Network', value: 'mgmnt', target: 'Networks' };
    expect(makeFinding('ref.unknown', null, params).hint).toBe('Use a name from sheet Networks, or add a row for “mgmnt” there.');
    expect(makeFinding('ref.unknown', null, { ...params, suggestion: 'mgmt' }).hint).toBe('Did you mean “mgmt”?');
  });

  it('lets a profile define codes of its own and override severity', () => {
    const make = createFindingMaker(
      defineFindingCodes({
        'smartx.example': { severity: 'warning', en: ['E {x}', 'h'], zh: ['Z {x}', 'h'], es: ['S {x}', 'h'] },
      }),
    );
    expect(make('smartx.example', { sheet: 'S', cell: null }, { x: 1 }, 'es')).toMatchObject({ message: 'S 1', severity: 'warning', cell: null });
    expect(make('smartx.example', null, {}, 'en', { severity: 'error' }).severity).toBe('error');
  });

  it('keeps unknown placeholders visible and counts severities', () => {
    expect(fillTemplate('a {b} {c}', { b: 1 })).toBe('a 1 {c}');
    const findings = [makeFinding('plan.no_vms', null), makeFinding('vmid.out_of_range', null), makeFinding('ip.invalid', null)];
    expect(countFindings(findings)).toEqual({ errors: 1, warnings: 1, infos: 1 });
  });
});
