import { expect } from 'vitest';
import type { AppError } from '../../shared/errors';
import { chineseSpacingProblems } from '../../shared/i18n/chineseSpacing';
import { chineseOf, englishLeft } from './englishLeft';

/** The Chinese title and hint have no English sentence of ours, read well, and keep `kept` (the platform's or the system's words) as they were. */
export function expectChinese(error: AppError, kept: string[]): { title: string; hint: string | null } {
  const zh = chineseOf(error);
  for (const words of [zh.title, zh.hint ?? '']) {
    expect(englishLeft(words, kept), words).toEqual([]);
    expect(chineseSpacingProblems(words), words).toEqual([]);
  }
  for (const value of kept) expect(zh.title, value).toContain(value);
  return zh;
}
