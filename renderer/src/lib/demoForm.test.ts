import { describe, expect, it } from 'vitest';
import { channels, demoSourceSchema } from '../../../shared/contract/channels';
import { defaultDemoForm, demoLimits, parseDemoForm } from './demoForm';

describe('parseDemoForm', () => {
  it('turns the defaults into a demo source the contract accepts', () => {
    const result = parseDemoForm(defaultDemoForm);
    expect(result).toEqual({ ok: true, source: { targets: 3, stepMs: 1500, logLinesPerStep: 20, failMode: 'once' }, concurrency: undefined });
    if (result.ok) expect(demoSourceSchema.safeParse({ kind: 'demo', ...result.source }).success).toBe(true);
  });

  it('passes a trimmed failing step and a concurrency', () => {
    const result = parseDemoForm({ ...defaultDemoForm, failStep: '  demo.boot:vm-2 ', failMode: 'always', concurrency: '4' });
    expect(result).toMatchObject({ ok: true, source: { failStep: 'demo.boot:vm-2', failMode: 'always' }, concurrency: 4 });
  });

  it('names every field that is not a whole number within its limits', () => {
    const result = parseDemoForm({ ...defaultDemoForm, targets: '0', stepMs: '1.5', logLinesPerStep: 'abc', concurrency: '65' });
    expect(result).toEqual({ ok: false, invalid: ['targets', 'stepMs', 'logLinesPerStep', 'concurrency'] });
  });

  it('uses the same limits as the contract', () => {
    const request = channels['run:start'].request;
    for (const field of ['targets', 'stepMs', 'logLinesPerStep'] as const) {
      const { min, max } = demoLimits[field];
      const accepts = (value: number) => demoSourceSchema.safeParse({ kind: 'demo', [field]: value }).success;
      expect([accepts(min), accepts(max), accepts(min - 1), accepts(max + 1)], field).toEqual([true, true, false, false]);
    }
    const { min, max } = demoLimits.concurrency;
    const accepts = (concurrency: number) => request.safeParse({ source: { kind: 'demo' }, concurrency }).success;
    expect([accepts(min), accepts(max), accepts(min - 1), accepts(max + 1)]).toEqual([true, true, false, false]);
  });
});
