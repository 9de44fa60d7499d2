import { describe, expect, it } from 'vitest';
import { en } from './en';
import { catalogs, languages, pickLanguage, translate } from './translate';
import { chineseSpacingProblems } from '../../../shared/i18n/chineseSpacing';

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('message catalogs', () => {
  for (const language of languages) {
    it(`${language} has every key with the same placeholders as English, and nothing empty`, () => {
      const catalog = catalogs[language];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, message] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated.trim(), key).not.toBe('');
        expect(placeholders(translated), key).toEqual(placeholders(message));
      }
    });
  }
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(en, 'progress.steps', { done: 3, total: 12 })).toBe('3 of 12 steps');
    expect(translate(en, 'progress.steps', { done: 3 })).toBe('3 of {total} steps');
  });

  it('picks the first supported language from a preference list', () => {
    expect(pickLanguage(['fr-FR', 'zh-CN', 'en'])).toBe('zh');
    expect(pickLanguage(['ES-mx'])).toBe('es');
    expect(pickLanguage(['de'])).toBe('en');
  });
});

describe('the Chinese catalog', () => {
  it('has spaces around Latin words, numbers and placeholders', () => {
    const problems = Object.entries(catalogs.zh).flatMap(([key, message]) => chineseSpacingProblems(message).map((problem) => `${key}: ${problem}`));
    expect(problems).toEqual([]);
  });
});
