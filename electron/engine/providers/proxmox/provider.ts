import { text } from '../../../../shared/i18n/engineText';
import { fail } from '../../../../shared/errors';
import type { StepSpec } from '../../runner/types';
import { describeStepResult } from '../results';
import type { Provider } from '../types';
import { proxmoxCreatedResources } from './createdResources';
import { resolveProxmoxEndpoint } from './endpoint';
import { proxmoxLabPreparation } from './labPreparation';
import { proxmoxParallelLimits } from './parallelLimits';
import { proxmoxChecks } from './preflight';
import { createProxmoxStepKinds } from './stepKinds';
import { buildProxmoxSteps, createVmKind, uploadKind, type ImageUploadInput } from './steps';
import type { VmCreateInput } from './vmSpec';

/** Proxmox VE behind the provider seam; the modules it wraps are the provider's own. */
export const proxmoxProvider: Provider = {
  kinds: ['proxmox'],
  title: 'Proxmox VE',
  stepKindNames: [uploadKind, createVmKind],
  buildSteps: buildProxmoxSteps,
  stepKinds: (deps) =>
    createProxmoxStepKinds({
      resolveEndpoint: (name) => {
        const endpoint = deps.endpoint(name);
        if (endpoint.kind !== 'proxmox') fail('plan_invalid', text('pve.plan.noEndpoint', { name }));
        return resolveProxmoxEndpoint(endpoint);
      },
      trust: deps.trust,
      ...(deps.prompt ? { prompt: deps.prompt } : {}),
      reservations: deps.reservations,
      environment: deps.environment,
      workbookDir: deps.workbookDir,
      ...(deps.fileHashes ? { fileHashes: deps.fileHashes } : {}),
      vmPassword: (vmName) => deps.plan.vms.find((vm) => vm.name === vmName)?.password ?? null,
    }),
  preflight: ({ endpoint, needs, trust, timeoutMs, signal }) => proxmoxChecks(endpoint, needs, trust, timeoutMs, signal),
  parallelLimits: proxmoxParallelLimits,
  inventoryOf: (step: StepSpec) => {
    if (step.kind === uploadKind) return { uploadFile: (step.input as ImageUploadInput).file };
    if (step.kind === createVmKind) return { vm: (step.input as VmCreateInput).name };
    return {};
  },
  labPreparation: proxmoxLabPreparation,
  // Its ids follow the shared convention (`vm.create:NAME`, `image.upload:WHERE`) and its artifacts name what was made (vmid, node, volid).
  resultOf: (step, artifacts) => describeStepResult(step, artifacts),
  createdResources: (step, artifacts) => proxmoxCreatedResources[step.kind]?.({ ...step, artifacts: [...artifacts] }) ?? [],
};
