import type { Plan } from '../../../../shared/plan/model';
import type { StepKind } from '../../runner/types';
import { keypairStepKind, secgroupStepKind } from './accessSteps';
import type { OpenStackDeps } from './connect';
import { flavorStepKind } from './flavorStep';
import { imageStepKind } from './imageStep';
import { networkStepKind } from './networkStep';
import { endpointView } from './planView';
import { routerStepKind } from './routerStep';
import { serverStepKind } from './serverStep';
import { buildOpenStackSteps, osKinds, type OsFlavorInput } from './steps';

/** The step kinds of one run, bound to its plan (for what a step needs to know of the others). */
export function createOpenStackStepKinds(deps: OpenStackDeps, plan: Plan): Record<string, StepKind> {
  // Built when a step first asks: the kinds are also made for plans that never run (reports, the registry).
  let steps: ReturnType<typeof buildOpenStackSteps> | null = null;
  const flavorInput = (endpoint: string, name: string): OsFlavorInput => {
    steps ??= buildOpenStackSteps(plan);
    const step = steps.find((entry) => entry.id === `os.flavor:${endpoint}/${name}`);
    return (step?.input as OsFlavorInput | undefined) ?? { endpoint, name, mode: 'existing', vcpu: null, memoryMiB: null, diskGiB: null };
  };
  const plannedIps = (endpoint: string, network: string): string[] =>
    endpointView(plan, endpoint).servers.flatMap((server) => server.ports.filter((port) => port.network === network && port.ip).map((port) => port.ip!));
  return {
    [osKinds.keypair]: keypairStepKind(deps) as StepKind,
    [osKinds.secgroup]: secgroupStepKind(deps) as StepKind,
    [osKinds.flavor]: flavorStepKind(deps) as StepKind,
    [osKinds.image]: imageStepKind(deps) as StepKind,
    [osKinds.network]: networkStepKind(deps, plannedIps) as StepKind,
    [osKinds.router]: routerStepKind(deps) as StepKind,
    [osKinds.server]: serverStepKind(deps, flavorInput) as StepKind,
  };
}
