import type { DemoSource } from '../../../shared/contract/channels';
import type { StepSpec } from '../runner/types';
import type { DemoStepInput } from './demoStep';
import { engineText, type EngineTextKey } from '../../../shared/i18n/engineText';

type DemoTitleKey = Extract<EngineTextKey, `step.demo.${string}`>;

export interface BuiltGraph {
  planName: string;
  environment: string;
  steps: StepSpec[];
}

const uploadBytes = 512 * 1024 * 1024;

function failModeFor(source: DemoSource, stepId: string): DemoStepInput['fail'] {
  if (!source.failStep || !stepId.startsWith(source.failStep)) return 'never';
  return source.failMode;
}

/**
 * Each target gets prepare -> upload -> configure, and a final report waits
 * for every target: the shape of a real deployment (fan-out, then join).
 */
export function buildDemoGraph(source: DemoSource): BuiltGraph {
  const steps: StepSpec<DemoStepInput>[] = [];
  const configureIds: string[] = [];
  const add = (id: string, titleKey: DemoTitleKey, target: string, deps: string[], durationFactor: number, bytes = 0) => {
    steps.push({
      id,
      kind: 'demo.work',
      title: engineText('en', titleKey),
      titleKey,
      target,
      deps,
      input: {
        durationMs: Math.round(source.stepMs * durationFactor),
        logLines: source.logLinesPerStep,
        bytes,
        fail: failModeFor(source, id),
      },
    });
  };
  for (let index = 1; index <= source.targets; index++) {
    const target = `site-${(index - 1) % 2 === 0 ? 'a' : 'b'}/vm-${String(index).padStart(2, '0')}`;
    const name = target.split('/')[1];
    add(`demo.prepare:${name}`, 'step.demo.prepare', target, [], 0.5);
    add(`demo.upload:${name}`, 'step.demo.upload', target, [`demo.prepare:${name}`], 1, uploadBytes);
    add(`demo.configure:${name}`, 'step.demo.configure', target, [`demo.upload:${name}`], 0.75);
    configureIds.push(`demo.configure:${name}`);
  }
  add('demo.report', 'step.demo.report', 'site', configureIds, 0.25);
  return { planName: engineText('en', 'run.demo', { targets: source.targets }), environment: 'demo', steps };
}
