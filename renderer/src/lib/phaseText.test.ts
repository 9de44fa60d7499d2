import { describe, expect, it } from 'vitest';
import { catalogs, translate, type Translate } from '../i18n/translate';
import { phaseText } from './phaseText';

const createTranslator = (language: keyof typeof catalogs): Translate => (key, params) => translate(catalogs[language], key, params);

describe('phaseText', () => {
  it('names the CloudTower pipeline’s phases in each language, with their place among the step’s parts', () => {
    const watch = { phase: 'watch', phaseIndex: 2, phaseCount: 3 };
    expect(phaseText(watch, createTranslator('en'))).toBe('Watching the installer (3 of 3)');
    expect(phaseText(watch, createTranslator('zh'))).toBe('正在监控安装程序（第 3 步，共 3 步）');
    expect(phaseText({ phase: 'rootUser' }, createTranslator('es'))).toBe('Creando el usuario root');
  });

  it('shows the id of a phase this build does not know, and nothing for a step without phases', () => {
    expect(phaseText({ phase: 'somethingNew' }, createTranslator('en'))).toBe('somethingNew');
    expect(phaseText({ fraction: 0.5 }, createTranslator('en'))).toBeNull();
  });
});
