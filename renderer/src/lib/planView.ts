import { titleFieldsOf, type TitledText } from '../../../shared/i18n/engineText';
import type { ValueOf } from '../../../shared/contract/channels';

/*
 * What the review shows, derived from the imported plan (values with their
 * cells) and the engine's graph (steps with dependencies). Pure, so the
 * grouping is tested without a screen.
 */

type PlanJson = NonNullable<ValueOf<'plan:import'>['plan']>;
type Entity = PlanJson['vms'][number];
export type GraphStep = ValueOf<'plan:graph'>['steps'][number];

/** A field's value, or undefined when the entity has no such field (or it is not a sourced value). */
export function fieldOf(entity: Entity, field: string): unknown {
  const value = entity[field];
  return value !== null && typeof value === 'object' && 'value' in value ? value.value : undefined;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

export interface PlannedVm {
  name: string;
  endpoint: string;
  /** Nodes in order of preference; empty when the engine may choose any. */
  placement: string[];
  vcpu: number | null;
  memoryMiB: number | null;
  diskGiB: number | null;
  image: string | null;
  network: string | null;
  ip: string | null;
  /** `VMs!A7:K7`: where the user edits it. */
  origin: string | null;
}

export function plannedVms(plan: PlanJson): PlannedVm[] {
  return plan.vms.map((vm) => ({
    name: text(fieldOf(vm, 'name')) ?? '?',
    endpoint: text(fieldOf(vm, 'endpoint')) ?? '?',
    placement: texts(fieldOf(vm, 'placement')),
    vcpu: number(fieldOf(vm, 'vcpu')),
    memoryMiB: number(fieldOf(vm, 'memoryMiB')),
    diskGiB: number(fieldOf(vm, 'diskGiB')),
    image: text(fieldOf(vm, 'image')),
    network: text(fieldOf(vm, 'network')),
    ip: text(fieldOf(vm, 'ip')),
    origin: typeof vm.origin === 'string' ? vm.origin : null,
  }));
}

export interface PlannedUpload extends TitledText {
  stepId: string;
  storage: string | null;
}

export interface NodeGroup {
  /** The node VMs prefer first; null for "any node" (the engine places them). */
  node: string | null;
  vms: PlannedVm[];
  uploads: PlannedUpload[];
}

export interface EndpointGroup {
  endpoint: string;
  kind: string | null;
  address: string | null;
  nodes: NodeGroup[];
}

/** Upload targets read `endpoint/node/storage`, with `*` for any node. */
function uploadPlace(step: GraphStep): { endpoint: string; node: string | null; storage: string | null } | null {
  if (!/upload/i.test(step.kind)) return null;
  const [endpoint, node, storage] = step.target.split('/');
  if (!endpoint) return null;
  return { endpoint, node: node && node !== '*' ? node : null, storage: storage ?? null };
}

/** What will be created where: per endpoint (plan order), per first-choice node (named nodes first, sorted), VMs in plan order. */
export function placementGroups(plan: PlanJson, steps: readonly GraphStep[]): EndpointGroup[] {
  const endpoints = new Map<string, EndpointGroup>();
  const endpointGroup = (name: string): EndpointGroup => {
    let group = endpoints.get(name);
    if (!group) endpoints.set(name, (group = { endpoint: name, kind: null, address: null, nodes: [] }));
    return group;
  };
  const nodeGroup = (group: EndpointGroup, node: string | null): NodeGroup => {
    let found = group.nodes.find((entry) => entry.node === node);
    if (!found) group.nodes.push((found = { node, vms: [], uploads: [] }));
    return found;
  };
  for (const endpoint of plan.endpoints) {
    const name = text(fieldOf(endpoint, 'name'));
    if (!name) continue;
    Object.assign(endpointGroup(name), { kind: text(fieldOf(endpoint, 'kind')), address: text(fieldOf(endpoint, 'address')) });
  }
  for (const vm of plannedVms(plan)) nodeGroup(endpointGroup(vm.endpoint), vm.placement[0] ?? null).vms.push(vm);
  for (const step of steps) {
    const place = uploadPlace(step);
    if (place) nodeGroup(endpointGroup(place.endpoint), place.node).uploads.push({ stepId: step.id, ...titleFieldsOf(step), storage: place.storage });
  }
  const groups = [...endpoints.values()].filter((group) => group.nodes.length > 0);
  for (const group of groups) {
    group.nodes.sort((a, b) => (a.node === null ? 1 : b.node === null ? -1 : a.node.localeCompare(b.node)));
  }
  return groups;
}

export interface TargetSteps {
  target: string;
  steps: { step: GraphStep; after: Array<{ id: string; target: string } & TitledText> }[];
}

/** The step list grouped by target in graph order, each step with the steps it waits for. */
export function stepsByTarget(steps: readonly GraphStep[]): TargetSteps[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const groups = new Map<string, TargetSteps>();
  for (const step of steps) {
    let group = groups.get(step.target);
    if (!group) groups.set(step.target, (group = { target: step.target, steps: [] }));
    const after = step.deps.map((id) => {
      const dep = byId.get(id);
      return { id, ...(dep ? titleFieldsOf(dep) : { title: id }), target: dep?.target ?? '' };
    });
    group.steps.push({ step, after });
  }
  return [...groups.values()];
}
