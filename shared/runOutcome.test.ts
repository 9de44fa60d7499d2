import { describe, expect, it } from 'vitest';
import { describeOutcome, stepOutcome } from './runOutcome';
import { stepStates, type RunSummary } from './runModel';

const counts = (given: Partial<RunSummary['stepCounts']>): RunSummary['stepCounts'] => ({
  ...(Object.fromEntries(stepStates.map((state) => [state, 0])) as RunSummary['stepCounts']),
  ...given,
});

describe('a run’s step outcome', () => {
  it('tells steps that ran from steps found already done', () => {
    expect(stepOutcome(counts({ succeeded: 3, adopted: 7, failed: 1, pending: 1 }))).toEqual({
      total: 12, ran: 3, adopted: 7, skipped: 0, failed: 1, notRun: 1, nothingMade: false,
    });
  });

  it('says a run whose every step was adopted made nothing, instead of "11 of 11 done"', () => {
    const outcome = stepOutcome(counts({ adopted: 11 }));
    expect(outcome).toMatchObject({ ran: 0, adopted: 11, nothingMade: true });
    expect(describeOutcome({ environment: 'lab:pve-lab', stepCounts: counts({ adopted: 11 }) })).toBe('Nothing was created: all 11 steps were already done in the lab.');
    expect(describeOutcome({ environment: 'proxmox:pve1', stepCounts: counts({ adopted: 2 }) })).toBe('Nothing was created: all 2 steps were already done on the endpoints.');
  });

  it('an empty run or one skipped by the user is not "nothing made"', () => {
    expect(stepOutcome(counts({})).nothingMade).toBe(false);
    expect(stepOutcome(counts({ adopted: 1, skipped: 1 })).nothingMade).toBe(false);
  });

  it('words a mixed run with each part that is not zero', () => {
    expect(describeOutcome({ environment: 'lab:pve-lab', stepCounts: counts({ succeeded: 9, adopted: 1, failed: 1 }) })).toBe('9 of 11 steps ran, 1 already done in the lab, 1 failed.');
    expect(describeOutcome({ environment: 'lab:pve-lab', stepCounts: counts({ succeeded: 11 }) })).toBe('11 of 11 steps ran.');
  });

  it('says the sentence in the reader language, with the same numbers', () => {
    const mixed = { environment: 'proxmox:pve1', stepCounts: counts({ succeeded: 9, adopted: 1, skipped: 2, failed: 1 }) };
    expect(describeOutcome(mixed, 'zh')).toBe('13 个步骤中运行了 9 个，1 个已在端点上完成，2 个已跳过，1 个失败。');
    expect(describeOutcome(mixed, 'es')).toBe('Se ejecutaron 9 de 13 pasos, 1 ya hechos en los endpoints, 2 omitidos, 1 fallidos.');
    expect(describeOutcome({ environment: 'lab:pve-lab', stepCounts: counts({ adopted: 4 }) }, 'zh')).toBe('未创建任何内容：全部 4 个步骤已在实验环境中完成。');
  });
});
