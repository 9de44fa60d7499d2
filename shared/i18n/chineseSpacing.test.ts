import { describe, expect, it } from 'vitest';
import { findingCodes, makeFinding } from '../plan/findingCodes';
import { chineseSpacingProblems } from './chineseSpacing';
import { engineTextCatalogues } from './engineText';

describe('chineseSpacingProblems', () => {
  it('flags a Han character next to a Latin word, a number or a placeholder, and nothing else', () => {
    expect(chineseSpacingProblems('中的IP 地址为')).toHaveLength(1);
    expect(chineseSpacingProblems('共3个')).toHaveLength(2);
    expect(chineseSpacingProblems('虚拟机{name}')).toHaveLength(1);
    expect(chineseSpacingProblems('{at} 中的 IP 地址为 {value}，共 3 个（VMID）。')).toEqual([]);
  });
});

describe('Chinese in the shared catalogues', () => {
  it('has spaces around Latin words, numbers and placeholders: findings and engine text', () => {
    const problems: string[] = [];
    for (const [code, entry] of Object.entries(findingCodes)) {
      const [message, hint, hintIf] = entry.zh;
      for (const text of [message, hint, ...Object.values(hintIf ?? {})]) for (const problem of chineseSpacingProblems(text)) problems.push(`${code}: ${problem}`);
    }
    for (const [key, text] of Object.entries(engineTextCatalogues.zh)) for (const problem of chineseSpacingProblems(text)) problems.push(`${key}: ${problem}`);
    expect(problems).toEqual([]);
  });
});

describe('filled placeholders', () => {
  it('get a space where a Latin or numeric value would touch a Han character, and only there', () => {
    const finding = makeFinding('value.not_number', { sheet: '虚拟机', cell: 'H7' }, { field: 'IP 地址', value: 'abc' }, 'zh');
    expect(chineseSpacingProblems(finding.message)).toEqual([]);
    expect(finding.message).toContain('虚拟机!H7 中的 IP 地址必须');
    expect(makeFinding('value.required', { sheet: 'S', cell: 'C3' }, { field: '名称' }, 'zh').message).toBe('名称为必填项（S!C3 为空）。');
  });
});
