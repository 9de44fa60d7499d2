import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { StepKind, StepPolicy, StepSpec } from './types';

export type KindTable = ReadonlyMap<string, StepKind> | Readonly<Record<string, StepKind>>;

/**
 * Edges in compressed rows: step i's neighbours are `edges[start[i]]` up to
 * `edges[start[i + 1]]` (exclusive). Two flat arrays instead of two arrays
 * per step keep a big graph cheap to build and to collect.
 */
export interface Adjacency {
  start: Int32Array;
  edges: Int32Array;
}

/** The graph by position: what the runner walks instead of ids. */
export interface GraphIndex {
  indexById: Map<string, number>;
  kinds: StepKind[];
  /** The steps each step waits for (deduplicated). */
  deps: Adjacency;
  /** The steps that wait for each step, in plan order. */
  dependants: Adjacency;
}

const shownIds = 12;

/** `a`, `b` and 3 more: error titles are bounded, graphs are not. */
export function listIds(ids: readonly string[], separator = ', '): string {
  const shown = ids.slice(0, shownIds).map((id) => `'${id}'`);
  const more = ids.length - shown.length;
  return more > 0 ? `${shown.join(separator)}${separator}… and ${more} more` : shown.join(separator);
}

function lookupKind(kinds: KindTable, name: string): StepKind | undefined {
  if (kinds instanceof Map) return kinds.get(name);
  const table = kinds as Readonly<Record<string, StepKind>>;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

function checkPolicy(name: string, policy: StepPolicy | undefined): void {
  const problem = policyProblem(policy);
  if (problem !== null) fail('internal', `Step kind '${name}' has an invalid policy: ${problem}.`);
}

function policyProblem(policy: StepPolicy | undefined): string | null {
  if (policy === undefined || policy.retry === undefined) return 'it has no retry policy';
  const { maxAttempts, baseDelayMs, maxDelayMs, jitter } = policy.retry;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) return `retry.maxAttempts must be an integer ≥ 1 (got ${maxAttempts})`;
  if (!(baseDelayMs >= 0) || !(maxDelayMs >= 0)) return 'retry delays must be ≥ 0';
  if (!(jitter >= 0 && jitter <= 1)) return `retry.jitter must be within 0..1 (got ${jitter})`;
  if (!(policy.timeoutMs > 0)) return `timeoutMs must be > 0 (got ${policy.timeoutMs})`;
  const limit = policy.keyLimit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1) && limit !== Infinity) {
    return `keyLimit must be an integer ≥ 1 (got ${limit})`;
  }
  return null;
}

/**
 * Checks ids, kinds, dependencies and acyclicity, and indexes the graph.
 * Bad graphs are refused before anything runs, naming the steps at fault.
 */
export function indexGraph(steps: readonly StepSpec[], kindTable: KindTable): GraphIndex {
  if (!Array.isArray(steps)) fail('invalid_request', text('service.graph.notArray'));
  const count = steps.length;
  const indexById = new Map<string, number>();
  const kinds: StepKind[] = [];
  const checkedKinds = new Set<string>();
  for (let index = 0; index < count; index++) {
    const step = steps[index] as StepSpec;
    if (typeof step?.id !== 'string' || step.id === '') fail('invalid_request', text('service.graph.noId', { number: index + 1 }));
    const earlier = indexById.get(step.id);
    if (earlier !== undefined) {
      fail('invalid_request', text('service.graph.duplicate', { step: step.id, first: earlier + 1, second: index + 1 }));
    }
    indexById.set(step.id, index);
    const kind = lookupKind(kindTable, step.kind);
    if (kind === undefined) fail('invalid_request', text('service.graph.unknownKind', { step: step.id, stepKind: step.kind }));
    if (!checkedKinds.has(step.kind)) {
      checkPolicy(step.kind, kind.policy);
      checkedKinds.add(step.kind);
    }
    kinds.push(kind);
  }

  const deps = indexDeps(steps, indexById);
  const dependants = invert(deps);
  const cycle = findCycle(deps, dependants);
  if (cycle !== null) {
    const ids = cycle.map((index) => (steps[index] as StepSpec).id);
    fail('invalid_request', text('service.graph.cycle', { ids: listIds([...ids, ids[0] as string], ' → ') }), {
      hint: text('service.graph.cycleHint'),
    });
  }
  return { indexById, kinds, deps, dependants };
}

function indexDeps(steps: readonly StepSpec[], indexById: Map<string, number>): Adjacency {
  const count = steps.length;
  let listed = 0;
  for (const step of steps) {
    if (!Array.isArray(step.deps)) fail('invalid_request', text('service.graph.noDeps', { step: step.id }));
    listed += step.deps.length;
  }
  const start = new Int32Array(count + 1);
  const edges = new Int32Array(listed);
  // seenBy[dep] === index + 1 when step `index` already listed dep: dedupes without a Set per step.
  const seenBy = new Int32Array(count);
  let used = 0;
  for (let index = 0; index < count; index++) {
    const step = steps[index] as StepSpec;
    start[index] = used;
    for (const depId of step.deps) {
      const dep = indexById.get(depId);
      if (dep === undefined) fail('invalid_request', text('service.graph.unknownDep', { step: step.id, dep: depId }));
      if (seenBy[dep] === index + 1) continue;
      seenBy[dep] = index + 1;
      edges[used++] = dep;
    }
  }
  start[count] = used;
  return { start, edges: used === listed ? edges : edges.slice(0, used) };
}

function invert(forward: Adjacency): Adjacency {
  const count = forward.start.length - 1;
  const start = new Int32Array(count + 1);
  for (const target of forward.edges) start[target + 1] = (start[target + 1] as number) + 1;
  for (let index = 0; index < count; index++) start[index + 1] = (start[index + 1] as number) + (start[index] as number);
  const fill = start.slice(0, count);
  const edges = new Int32Array(forward.edges.length);
  for (let source = 0; source < count; source++) {
    for (let at = forward.start[source] as number; at < (forward.start[source + 1] as number); at++) {
      const target = forward.edges[at] as number;
      const slot = fill[target] as number;
      edges[slot] = source;
      fill[target] = slot + 1;
    }
  }
  return { start, edges };
}

/** Kahn's algorithm; if some steps are never freed, walk their unfreed deps until one repeats. */
function findCycle(deps: Adjacency, dependants: Adjacency): number[] | null {
  const count = deps.start.length - 1;
  const waiting = new Int32Array(count);
  const freed: number[] = [];
  for (let index = 0; index < count; index++) {
    waiting[index] = (deps.start[index + 1] as number) - (deps.start[index] as number);
    if (waiting[index] === 0) freed.push(index);
  }
  for (let at = 0; at < freed.length; at++) {
    const step = freed[at] as number;
    for (let edge = dependants.start[step] as number; edge < (dependants.start[step + 1] as number); edge++) {
      const next = dependants.edges[edge] as number;
      const left = (waiting[next] as number) - 1;
      waiting[next] = left;
      if (left === 0) freed.push(next);
    }
  }
  if (freed.length === count) return null;

  // Every unfreed step has at least one unfreed dependency, so this walk must repeat a step.
  const path: number[] = [];
  const position = new Map<number, number>();
  let current = waiting.findIndex((left) => left > 0);
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    const own = deps.edges.subarray(deps.start[current], deps.start[current + 1]);
    current = own.find((dep) => (waiting[dep] as number) > 0) as number;
  }
  return path.slice(position.get(current));
}
