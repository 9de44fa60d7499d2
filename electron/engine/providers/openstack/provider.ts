import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { StepSpec } from '../../runner/types';
import type { HostKeyStore } from '../../ssh';
import { bookkeepingFields, describeStepResult } from '../results';
import type { Provider, ProviderRunDeps } from '../types';
import { openstackCreatedResources } from './createdResources';
import { resolveOpenStackEndpoint } from './endpoint';
import { openstackLabPreparation } from './labPreparation';
import { openstackChecks } from './preflight';
import { readUsage, usageMeters } from './usage';
import { sessionFor, type OpenStackDeps } from './connect';
import { createOpenStackStepKinds } from './stepKinds';
import { buildOpenStackSteps, osKinds, type OsImageInput, type OsServerInput } from './steps';
import { dirname } from 'node:path';

/** Keystone, Nova, Neutron and Glance (directly, or through a bastion's tunnels) behind the provider seam. */
export const openstackProvider: Provider = {
  kinds: ['openstack'],
  title: 'OpenStack',
  stepKindNames: Object.values(osKinds),
  buildSteps: buildOpenStackSteps,
  stepKinds: (deps) => createOpenStackStepKinds(openstackDeps(deps), deps.plan),
  preflight: ({ endpoint, plan, trust, signal }) => openstackChecks(endpoint, plan, trust, plan.sourcePath ? dirname(plan.sourcePath) : process.cwd(), signal),
  inventoryOf: (step: StepSpec) => {
    if (step.kind === osKinds.image) return (step.input as OsImageInput).file ? { uploadFile: (step.input as OsImageInput).file! } : {};
    if (step.kind === osKinds.server) return { vm: (step.input as OsServerInput).name };
    return {};
  },
  labPreparation: openstackLabPreparation,
  resultOf: (step, artifacts) => describeStepResult(step, artifacts, bookkeepingFields),
  createdResources: (step, artifacts) => openstackCreatedResources[step.kind]?.({ ...step, artifacts }) ?? [],
  // The steps' own session: sessionFor makes it the same way whichever of them asks first.
  usage: ({ endpoint, deps, sessions, signal }) => usageMeters(readUsage(sessionFor(openstackDeps(deps), { sessions, log: () => undefined }, endpoint.name), signal)),
};

/** What the steps and the usage readings of one run reach the endpoints with. */
function openstackDeps(deps: ProviderRunDeps): OpenStackDeps {
  return {
    resolveEndpoint: (name) => {
      const endpoint = deps.endpoint(name);
      if (endpoint.kind !== 'openstack') fail('plan_invalid', text('openstack.noEndpoint', { name }));
      return resolveOpenStackEndpoint(endpoint, deps.plan, deps.workbookDir);
    },
    trust: deps.trust,
    ...(deps.prompt ? { prompt: deps.prompt } : {}),
    // The run store keeps SSH host-key pins next to the TLS ones.
    ...(isHostKeyStore(deps.trust) ? { hostKeys: deps.trust } : {}),
    workbookDir: deps.workbookDir,
    ...(deps.fileHashes ? { fileHashes: deps.fileHashes } : {}),
  };
}

function isHostKeyStore(store: unknown): store is HostKeyStore {
  return typeof (store as HostKeyStore).findPins === 'function' && typeof (store as HostKeyStore).addPin === 'function';
}
