import { whereOf, type Plan } from '../../../../shared/plan/model';
import type { ValidationContext } from './context';
import { targetSheetName } from './labels';

const fileName = (path: string): string => path.split(/[\\/]/).pop() || path;

/**
 * Whether the plan gives this build anything to do, so Validate never says
 * "go ahead" for a run that would have no steps:
 * - nothing at all (no VMs, images or hosts: an empty template) is an error;
 * - with the engine's provider kinds: when no VM and no image goes to an
 *   endpoint a provider serves but some endpoint's kind has none, that is an
 *   error at the first such endpoint (each one also gets the
 *   `endpoint.kind_unsupported` warning; when only some VMs are stranded the
 *   warnings alone say which, and the rest deploys).
 */
export function checkDeployable(plan: Plan, context: ValidationContext, providerKinds?: readonly string[]): void {
  // A slice generates its own servers, so a plan of slices alone has VMs to deploy.
  const empty = plan.vms.length === 0 && plan.images.length === 0 && plan.hosts.length === 0 && plan.slices.length === 0;
  if (providerKinds && !empty && checkServed(plan, context, providerKinds)) return;
  if (empty) {
    context.add('plan.nothing_to_deploy', null, {
      file: fileName(plan.sourcePath),
      vmSheet: targetSheetName('vms', context.lang, undefined),
      imageSheet: targetSheetName('images', context.lang, undefined),
    });
  } else if (plan.vms.length === 0 && plan.hosts.length === 0 && plan.slices.length === 0) {
    context.add('plan.no_vms', null);
  }
}

/** False (and an error added) when everything the plan holds targets endpoints this build cannot deploy onto. */
function checkServed(plan: Plan, context: ValidationContext, providerKinds: readonly string[]): boolean {
  const served = new Set(providerKinds);
  const kindOf = new Map(plan.endpoints.map((endpoint) => [endpoint.name, endpoint.kind]));
  const isServed = (endpoint: string | null | undefined): boolean => !!endpoint && served.has(kindOf.get(endpoint) ?? '');
  if (plan.vms.some((vm) => isServed(vm.endpoint)) || plan.images.some((image) => isServed(image.endpoint)) || plan.slices.some((slice) => isServed(slice.endpoint))) return true;
  const unserved = plan.endpoints.filter((endpoint) => !served.has(endpoint.kind));
  const first = unserved[0];
  if (!first) return true;
  context.add('plan.no_deployable_endpoint', whereOf(first, 'kind'), {
    kinds: [...new Set(unserved.map((endpoint) => endpoint.kind))].sort().join(', '),
    supported: [...served].sort().join(', '),
  });
  return false;
}
