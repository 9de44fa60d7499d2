import type { StepResultItem, StoredStepView } from './types';

/** Step ids start with what they make (`vm.create:web-01`, `image.upload:pve1/local/x.iso`). */
const itemKindByPrefix: Array<[string, StepResultItem['kind']]> = [
  ['vm.', 'vm'],
  ['image.', 'image'],
];

/** Fields steps keep for resuming (a VM's phase, an upload's file time), not something an engineer looks up. */
export const bookkeepingFields: ReadonlySet<string> = new Set(['phase', 'mtimeMs']);

/**
 * The report's line for a step: a VM or image named by its id, any other
 * step by its title, and as created ids every scalar its artifacts hold
 * except bookkeeping (`hidden`).
 */
export function describeStepResult(
  step: StoredStepView,
  artifacts: ReadonlyArray<{ key: string; value: unknown }>,
  hidden: ReadonlySet<string> = bookkeepingFields,
): StepResultItem {
  const kind = itemKindByPrefix.find(([prefix]) => step.id.startsWith(prefix))?.[1] ?? 'step';
  const name = kind === 'step' ? step.title : step.id.slice(step.id.indexOf(':') + 1);
  const createdIds: Record<string, string> = {};
  for (const { value } of artifacts) {
    if (value === null || typeof value !== 'object') continue;
    for (const [field, content] of Object.entries(value)) {
      if (hidden.has(field) || content === null || content === undefined) continue;
      if (typeof content === 'string' || typeof content === 'number') createdIds[field] = String(content);
    }
  }
  return { kind, name, createdIds };
}
