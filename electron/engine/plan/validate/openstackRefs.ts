import { whereOf, type Plan, type Sourced } from '../../../../shared/plan/model';
import { dnsSafe, isDnsLabel } from '../formats';
import { suggest } from '../suggest';
import type { ValidationContext } from './context';
import { fieldName, targetSheetName, type AnyList } from './labels';

/*
 * Names on the OpenStack sheets and the VMs columns that point at them must
 * exist, with a "did you mean" for plausible typos; names are unique per
 * sheet; what a slice or its objects name as endpoint must be OpenStack.
 * A VM's Flavor and Availability zone are checked against their sheets only
 * when the plan has such rows, since older plans name cloud objects there
 * directly.
 */

type Named = Sourced<{ name: string }>;

function lookup(entities: readonly Named[]): { has(name: string): boolean; names: string[]; sheet: string | undefined } {
  const keys = new Set(entities.map((entity) => entity.name.toLowerCase()));
  return { has: (name) => keys.has(name.toLowerCase()), names: entities.map((entity) => entity.name), sheet: entities.find((entity) => entity.origin)?.origin?.sheet };
}

export function checkOpenstackRefs(plan: Plan, context: ValidationContext): void {
  const targets = {
    endpoints: lookup(plan.endpoints),
    images: lookup(plan.images),
    flavors: lookup(plan.flavors),
    availabilityZones: lookup(plan.availabilityZones),
    keyPairs: lookup(plan.keyPairs),
    securityGroups: lookup(plan.securityGroups),
    slices: lookup(plan.slices),
  };
  function ref<T>(list: AnyList, entity: Sourced<T>, field: keyof T & string, target: keyof typeof targets, names: readonly string[]): void {
    const known = targets[target];
    for (const name of names) {
      if (name === '' || known.has(name)) continue;
      context.add('ref.unknown', whereOf(entity, field), {
        field: fieldName(list, field, context.lang),
        value: name,
        target: targetSheetName(target, context.lang, known.sheet),
        suggestion: suggest(name, known.names),
      });
    }
  }
  const one = (value: string | null | undefined): string[] => (value ? [value] : []);

  for (const list of ['flavors', 'availabilityZones', 'keyPairs', 'securityGroups'] as const) {
    for (const entity of plan[list] as Array<Sourced<{ endpoint: string | null }>>) ref(list, entity, 'endpoint', 'endpoints', one(entity.endpoint));
  }
  for (const rule of plan.securityGroupRules) {
    ref('securityGroupRules', rule, 'group', 'securityGroups', one(rule.group));
    ref('securityGroupRules', rule, 'remoteGroup', 'securityGroups', one(rule.remoteGroup));
  }
  for (const slice of plan.slices) {
    ref('slices', slice, 'endpoint', 'endpoints', one(slice.endpoint));
    ref('slices', slice, 'zones', 'availabilityZones', slice.zones);
    ref('slices', slice, 'image', 'images', one(slice.image));
    ref('slices', slice, 'flavor', 'flavors', one(slice.flavor));
    ref('slices', slice, 'keyPair', 'keyPairs', one(slice.keyPair));
    ref('slices', slice, 'securityGroups', 'securityGroups', slice.securityGroups);
  }
  for (const vm of plan.vms) {
    ref('vms', vm, 'slice', 'slices', one(vm.slice));
    ref('vms', vm, 'keyPair', 'keyPairs', one(vm.keyPair));
    ref('vms', vm, 'securityGroups', 'securityGroups', vm.securityGroups ?? []);
    if (plan.flavors.length > 0) ref('vms', vm, 'flavor', 'flavors', one(vm.flavor));
    if (plan.availabilityZones.length > 0) ref('vms', vm, 'availabilityZone', 'availabilityZones', one(vm.availabilityZone));
  }
  checkOpenstackEndpoints(plan, context);
  checkUnique(plan, context);
}

/** Slices and the objects they use deploy onto OpenStack only. */
function checkOpenstackEndpoints(plan: Plan, context: ValidationContext): void {
  const kinds = new Map(plan.endpoints.map((endpoint) => [endpoint.name.toLowerCase(), endpoint.kind] as const));
  for (const list of ['slices', 'flavors', 'availabilityZones', 'keyPairs', 'securityGroups'] as const) {
    for (const entity of plan[list] as Array<Sourced<{ endpoint: string | null }>>) {
      const kind = entity.endpoint ? kinds.get(entity.endpoint.toLowerCase()) : undefined;
      if (kind === undefined || kind === 'openstack') continue;
      context.add('slice.not_openstack', whereOf(entity, 'endpoint'), { field: fieldName(list, 'endpoint', context.lang), value: entity.endpoint, kind });
    }
  }
  for (const vm of plan.vms) {
    if (!vm.slice) continue;
    const slice = plan.slices.find((candidate) => candidate.name.toLowerCase() === vm.slice!.toLowerCase());
    if (slice && vm.endpoint !== '' && slice.endpoint.toLowerCase() !== vm.endpoint.toLowerCase()) {
      context.add('ref.other_endpoint', whereOf(vm, 'slice'), { field: fieldName('vms', 'slice', context.lang), value: vm.slice, actual: slice.endpoint, expected: vm.endpoint });
    }
  }
}

function checkUnique(plan: Plan, context: ValidationContext): void {
  for (const list of ['flavors', 'availabilityZones', 'keyPairs', 'securityGroups', 'slices'] as const) {
    const seen = new Map<string, Named>();
    for (const entity of plan[list] as Named[]) {
      const key = entity.name.toLowerCase();
      const first = seen.get(key);
      // A slice's name starts its nodes' host names (`core-1`).
      if (list === 'slices' && entity.name !== '' && !isDnsLabel(entity.name)) {
        context.add('name.invalid', whereOf(entity, 'name'), { kind: context.kind(list), value: entity.name, suggestion: dnsSafe(entity.name) });
      }
      // Nova before microversion 2.92 (Rackpilot speaks up to 2.87) takes only these in a key pair's name, and says so only when the step runs.
      if (list === 'keyPairs' && /[^A-Za-z0-9 _-]/.test(entity.name)) {
        context.add('keypair.name_unsafe', whereOf(entity, 'name'), { value: entity.name, suggestion: entity.name.replace(/[^A-Za-z0-9 _-]/g, '-') });
      }
      if (first) context.add('name.duplicate', whereOf(entity, 'name'), { kind: context.kind(list), value: entity.name, first: formatAt(first) });
      else if (key !== '') seen.set(key, entity);
    }
  }
}

function formatAt(entity: Named): string {
  const where = whereOf(entity, 'name');
  return where ? `${where.sheet}!${where.cell}` : '';
}
