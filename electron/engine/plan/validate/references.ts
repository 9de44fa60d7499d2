import { whereOf, type EntityList, type Plan, type Sourced } from '../../../../shared/plan/model';
import { suggest } from '../suggest';
import type { ValidationContext } from './context';
import { fieldName, targetSheetName } from './labels';

/*
 * Every name that points at another sheet must exist there. Unknown names
 * get a "did you mean" when one is a plausible typo. Also warns when a VM
 * uses a network or image that belongs to another endpoint.
 */

type Named = Sourced<{ name: string }>;

class Index {
  private readonly byName = new Map<string, Named>();
  readonly sheet: string | undefined;

  constructor(readonly entities: readonly Named[]) {
    for (const entity of entities) if (!this.byName.has(entity.name.toLowerCase())) this.byName.set(entity.name.toLowerCase(), entity);
    this.sheet = entities.find((entity) => entity.origin)?.origin?.sheet;
  }

  get(name: string): Named | undefined {
    return this.byName.get(name.toLowerCase());
  }
}

export function checkReferences(plan: Plan, context: ValidationContext): void {
  const indexes = new Map<EntityList, Index>();
  const index = (list: EntityList): Index => {
    let found = indexes.get(list);
    if (!found) indexes.set(list, (found = new Index(plan[list] as Named[])));
    return found;
  };

  function ref<T>(list: EntityList, entity: Sourced<T>, field: keyof T & string, target: EntityList, names: readonly string[]): void {
    const targets = index(target);
    for (const name of names) {
      if (name === '' || targets.get(name)) continue;
      context.add('ref.unknown', whereOf(entity, field), {
        field: fieldName(list, field, context.lang),
        value: name,
        target: targetSheetName(target, context.lang, targets.sheet),
        suggestion: suggest(name, targets.entities.map((candidate) => candidate.name)),
      });
    }
  }
  const one = (value: string | null): string[] => (value === null ? [] : [value]);
  const endpointKinds = new Map(plan.endpoints.map((endpoint) => [endpoint.name.toLowerCase(), endpoint.kind] as const));

  for (const endpoint of plan.endpoints) ref('endpoints', endpoint, 'jumpHost', 'jumpHosts', one(endpoint.jumpHost));
  for (const jumpHost of plan.jumpHosts) ref('jumpHosts', jumpHost, 'via', 'jumpHosts', one(jumpHost.via));
  for (const network of plan.networks) ref('networks', network, 'endpoint', 'endpoints', one(network.endpoint));
  for (const image of plan.images) ref('images', image, 'endpoint', 'endpoints', one(image.endpoint));
  for (const script of plan.scripts) ref('scripts', script, 'runOn', 'vms', script.runOn === 'all' ? [] : script.runOn);
  for (const host of plan.hosts) ref('hosts', host, 'cluster', 'clusters', one(host.cluster));
  for (const cluster of plan.clusters) ref('clusters', cluster, 'endpoint', 'endpoints', one(cluster.endpoint));
  for (const vm of plan.vms) {
    ref('vms', vm, 'endpoint', 'endpoints', one(vm.endpoint));
    ref('vms', vm, 'network', 'networks', one(vm.network));
    ref('vms', vm, 'image', 'images', one(vm.image));
    ref('vms', vm, 'jumpHost', 'jumpHosts', one(vm.jumpHost));
    ref('vms', vm, 'scripts', 'scripts', vm.scripts);
    checkSameEndpoint(vm, 'network', vm.network, index('networks'), endpointKinds, context);
    checkSameEndpoint(vm, 'image', vm.image, index('images'), endpointKinds, context);
  }
}

/** A CloudTower deploys onto the SmartX clusters it manages, so their networks and images are its own. */
function sharedBetween(vmKind: string | undefined, ownerKind: string | undefined): boolean {
  return vmKind === 'cloudtower' && ownerKind === 'smartx';
}

function checkSameEndpoint(
  vm: Plan['vms'][number],
  field: 'network' | 'image',
  name: string | null,
  targets: Index,
  kinds: ReadonlyMap<string, string>,
  context: ValidationContext,
): void {
  if (name === null || vm.endpoint === '') return;
  const target = targets.get(name) as (Named & { endpoint?: string | null }) | undefined;
  const owner = target?.endpoint;
  if (!owner || owner.toLowerCase() === vm.endpoint.toLowerCase()) return;
  if (sharedBetween(kinds.get(vm.endpoint.toLowerCase()), kinds.get(owner.toLowerCase()))) return;
  context.add('ref.other_endpoint', whereOf(vm, field), { field: fieldName('vms', field, context.lang), value: name, actual: owner, expected: vm.endpoint });
}

/** Jump host chains (`via`) must end at a directly reachable host; a loop is reported once, at its first member. */
export function checkJumpChains(plan: Plan, context: ValidationContext): void {
  const byName = new Map(plan.jumpHosts.map((jumpHost) => [jumpHost.name.toLowerCase(), jumpHost] as const));
  const reported = new Set<string>();
  for (const start of plan.jumpHosts) {
    const chain: string[] = [];
    let current: typeof start | undefined = start;
    while (current && current.via !== null) {
      const key = current.name.toLowerCase();
      if (chain.includes(key)) break;
      chain.push(key);
      current = byName.get(current.via.toLowerCase());
    }
    if (!current || current.via === null) continue;
    const loopStart = chain.indexOf(current.name.toLowerCase());
    const loop = chain.slice(loopStart);
    const id = [...loop].sort().join('>');
    if (reported.has(id)) continue;
    reported.add(id);
    const members = loop.map((key) => byName.get(key)!);
    const first = members[0]!;
    context.add('jump.cycle', whereOf(first, 'via'), { chain: [...members, first].map((member) => member.name).join(' → ') });
  }
}
