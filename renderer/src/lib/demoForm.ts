import type { DemoSource } from '../../../shared/contract/channels';

/** What the start form holds: text as typed, so a half-typed number is not lost. */
export interface DemoFormValues {
  targets: string;
  stepMs: string;
  logLinesPerStep: string;
  /** Empty: the engine's default. */
  concurrency: string;
  failStep: string;
  failMode: 'once' | 'always';
}

export type NumberField = 'targets' | 'stepMs' | 'logLinesPerStep' | 'concurrency';

/** The contract's limits (shared/contract/channels.ts); a test keeps them equal. */
export const demoLimits: Record<NumberField, { min: number; max: number }> = {
  targets: { min: 1, max: 500 },
  stepMs: { min: 0, max: 600_000 },
  logLinesPerStep: { min: 0, max: 100_000 },
  concurrency: { min: 1, max: 64 },
};

export const defaultDemoForm: DemoFormValues = {
  targets: '3',
  stepMs: '1500',
  logLinesPerStep: '20',
  concurrency: '',
  failStep: '',
  failMode: 'once',
};

export type DemoFormResult =
  | { ok: true; source: Omit<DemoSource, 'kind'>; concurrency: number | undefined }
  | { ok: false; invalid: NumberField[] };

function wholeNumber(text: string, { min, max }: { min: number; max: number }): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function parseDemoForm(values: DemoFormValues): DemoFormResult {
  const invalid: NumberField[] = [];
  const read = (field: NumberField): number => {
    const value = wholeNumber(values[field], demoLimits[field]);
    if (value === null) invalid.push(field);
    return value ?? 0;
  };
  const targets = read('targets');
  const stepMs = read('stepMs');
  const logLinesPerStep = read('logLinesPerStep');
  const concurrency = values.concurrency.trim() === '' ? undefined : read('concurrency');
  if (invalid.length > 0) return { ok: false, invalid };
  const failStep = values.failStep.trim();
  return {
    ok: true,
    source: { targets, stepMs, logLinesPerStep, failMode: values.failMode, ...(failStep ? { failStep } : {}) },
    concurrency,
  };
}
