import { describe, expect, it } from 'vitest';
import { stepStates, type RunSummary } from '../../../shared/runModel';
import { catalogs, translate, type Language } from '../i18n/translate';
import { outcomeText } from './outcomeText';

const counts = (given: Partial<RunSummary['stepCounts']>): RunSummary['stepCounts'] => ({
  ...(Object.fromEntries(stepStates.map((state) => [state, 0])) as RunSummary['stepCounts']),
  ...given,
});
const text = (language: Language, environment: string, given: Partial<RunSummary['stepCounts']>) =>
  outcomeText((key, params) => translate(catalogs[language], key, params), { environment, stepCounts: counts(given) });

describe('the steps column of History and the Report', () => {
  it('says a rehearsal whose every step was already done created nothing, not "11 of 11 done"', () => {
    expect(text('en', 'lab:pve-lab', { adopted: 11 })).toBe('Nothing was created: all 11 steps were already done in the lab');
    expect(text('en', 'proxmox:pve1', { adopted: 11 })).toBe('Nothing was created: all 11 steps were already done on the endpoints');
    expect(text('zh', 'lab:pve-lab', { adopted: 11 })).toBe('未创建任何内容：全部 11 个步骤在实验环境中原已完成');
    expect(text('es', 'lab:pve-lab', { adopted: 11 })).toBe('No se creó nada: los 11 pasos ya estaban hechos en el laboratorio');
  });

  it('counts the steps found done apart from those that ran', () => {
    expect(text('en', 'lab:pve-lab', { succeeded: 3, adopted: 8 })).toBe('3 of 11 ran, 8 already done');
  });

  it('keeps the plain count when every step ran', () => {
    expect(text('en', 'lab:pve-lab', { succeeded: 10, failed: 1 })).toBe('10 of 11 done');
  });
});
