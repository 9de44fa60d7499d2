import { text } from '../../../../shared/i18n/engineText';
import { fail } from '../../../../shared/errors';
import type { StepSpec } from '../../runner/types';
import { bookkeepingFields, describeStepResult } from '../results';
import type { Provider } from '../types';
import { vsphereCreatedResources } from './createdResources';
import { resolveVsphereEndpoint } from './endpoint';
import { vsphereLabPreparation } from './labPreparation';
import { vsphereParallelLimits } from './limits';
import { vsphereChecks } from './preflight';
import { createVsphereStepKinds } from './stepKinds';
import { buildVsphereSteps, vsDeployKind, vsUploadKind, type VsUploadInput } from './steps';
import type { VsVmInput } from './vmSpec';

/** The clone task's id is for resuming, not for the report. */
const hidden = new Set([...bookkeepingFields, 'task']);

/** VMware vCenter behind the provider seam. */
export const vsphereProvider: Provider = {
  kinds: ['vsphere'],
  title: 'VMware vCenter',
  stepKindNames: [vsUploadKind, vsDeployKind],
  buildSteps: buildVsphereSteps,
  stepKinds: (deps) =>
    createVsphereStepKinds({
      resolveEndpoint: (name) => {
        const endpoint = deps.endpoint(name);
        if (endpoint.kind !== 'vsphere') fail('plan_invalid', text('vsphere.plan.noEndpoint', { name }));
        return resolveVsphereEndpoint(endpoint);
      },
      trust: deps.trust,
      ...(deps.prompt ? { prompt: deps.prompt } : {}),
      workbookDir: deps.workbookDir,
      ...(deps.fileHashes ? { fileHashes: deps.fileHashes } : {}),
      vmSecrets: (vmName) => {
        const vm = deps.plan.vms.find((entry) => entry.name === vmName);
        return { password: vm?.password ?? null, productKey: vm?.productKey ?? null, domainPassword: vm?.domainPassword ?? null };
      },
    }),
  preflight: ({ endpoint, plan, needs, trust, timeoutMs, signal }) => vsphereChecks(endpoint, plan, needs, trust, timeoutMs, signal),
  parallelLimits: vsphereParallelLimits,
  inventoryOf: (step: StepSpec) => {
    if (step.kind === vsUploadKind) return { uploadFile: (step.input as VsUploadInput).file };
    if (step.kind === vsDeployKind) return { vm: (step.input as VsVmInput).name };
    return {};
  },
  labPreparation: vsphereLabPreparation,
  resultOf: (step, artifacts) => describeStepResult(step, artifacts, hidden),
  createdResources: (step, artifacts) => vsphereCreatedResources[step.kind]?.({ ...step, artifacts }) ?? [],
};
