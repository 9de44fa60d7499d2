import { whereOf, type Plan } from '../../../../shared/plan/model';
import type { ValidationContext } from './context';

/** One finding per endpoint whose kind no provider of this build serves, pointing at its kind cell and naming what is supported. */
export function checkProviderKinds(plan: Plan, context: ValidationContext, providerKinds: readonly string[]): void {
  const served = new Set(providerKinds);
  const supported = [...served].sort().join(', ');
  for (const endpoint of plan.endpoints) {
    if (served.has(endpoint.kind)) continue;
    context.add('endpoint.kind_unsupported', whereOf(endpoint, 'kind'), { endpoint: endpoint.name, kind: endpoint.kind, supported });
  }
}
