import type { CellRef } from '../../../../shared/errors';
import { whereOf, type Image, type Plan, type Vm } from '../../../../shared/plan/model';
import type { StepSpec } from '../../runner/types';
import { isoFileName, vmCreateInput, type VmCreateInput } from './vmSpec';

export const uploadKind = 'proxmox.image.upload';
export const createVmKind = 'proxmox.vm.create';
/** An upload step's node when the plan names none and no VM placement does: every online node holding the storage (one, if it is shared). */
export const anyNode = '*';

export interface ImageUploadInput {
  endpoint: string;
  node: string;
  storage: string;
  remoteName: string;
  /** As in the plan: relative to the workbook's folder. */
  file: string;
  sha256: string | null;
  image: string;
  cells: { file?: CellRef; sha256?: CellRef };
}

export const uploadStepId = (input: Pick<ImageUploadInput, 'endpoint' | 'node' | 'storage' | 'remoteName'>): string =>
  `image.upload:${input.endpoint}/${input.node}/${input.storage}/${input.remoteName}`;
export const createVmStepId = (vmName: string): string => `vm.create:${vmName}`;

function uploadInputs(image: Image, endpoint: string, nodes: string[]): ImageUploadInput[] {
  const cells: ImageUploadInput['cells'] = {};
  const file = whereOf(image, 'file');
  const sha256 = whereOf(image, 'sha256');
  if (file) cells.file = file;
  if (sha256) cells.sha256 = sha256;
  return nodes.map((node) => ({
    endpoint,
    node,
    storage: image.storage ?? 'local',
    remoteName: isoFileName(image),
    file: image.file as string,
    sha256: image.sha256 ? image.sha256.toLowerCase() : null,
    image: image.name,
    cells,
  }));
}

/** Nodes an ISO goes to: the plan's node, else every node the VMs using it may be placed on, else any. */
function uploadNodes(image: Image, users: Vm[]): string[] {
  if (image.node) return [image.node];
  const nodes = [...new Set(users.flatMap((vm) => vm.placement))];
  return nodes.length > 0 ? nodes : [anyNode];
}

/**
 * The Proxmox part of a plan's deployment graph: one upload per ISO and
 * target node, one `vm.create` per VM of a Proxmox endpoint, depending on the
 * uploads of its ISO. Ids depend only on names, so they are stable across runs.
 */
export function buildProxmoxSteps(plan: Plan): StepSpec[] {
  const proxmox = new Set(plan.endpoints.filter((endpoint) => endpoint.kind === 'proxmox').map((endpoint) => endpoint.name));
  const vms = plan.vms.filter((vm) => proxmox.has(vm.endpoint));
  const steps: StepSpec[] = [];
  const uploadsByImage = new Map<string, StepSpec<ImageUploadInput>[]>();
  for (const image of plan.images) {
    if (image.kind !== 'iso' || !image.file) continue;
    const users = vms.filter((vm) => vm.image === image.name);
    const endpoints = image.endpoint ? [image.endpoint] : [...new Set(users.map((vm) => vm.endpoint))];
    for (const endpoint of endpoints.filter((name) => proxmox.has(name))) {
      const endpointUsers = users.filter((vm) => vm.endpoint === endpoint);
      for (const input of uploadInputs(image, endpoint, uploadNodes(image, endpointUsers))) {
        const where = input.node === anyNode ? `${endpoint}/${input.storage}` : `${endpoint}/${input.node}/${input.storage}`;
        const step: StepSpec<ImageUploadInput> = {
          id: uploadStepId(input),
          kind: uploadKind,
          title: `Upload ${input.remoteName} to ${where}`,
          titleKey: 'step.image.upload',
          titleParams: { file: input.remoteName, where },
          target: `${endpoint}/${input.node}/${input.storage}`,
          deps: [],
          input,
        };
        steps.push(step as StepSpec);
        uploadsByImage.set(image.name, [...(uploadsByImage.get(image.name) ?? []), step]);
      }
    }
  }
  for (const vm of vms) {
    const input: VmCreateInput = vmCreateInput(plan, vm);
    const uploads = (vm.image ? (uploadsByImage.get(vm.image) ?? []) : []).filter((step) => step.input.endpoint === vm.endpoint);
    steps.push({
      id: createVmStepId(vm.name),
      kind: createVmKind,
      title: `Create VM ${vm.name}`,
      titleKey: 'step.vm.create',
      titleParams: { name: vm.name },
      target: vm.name,
      deps: uploads.map((step) => step.id),
      input,
    } satisfies StepSpec<VmCreateInput> as StepSpec);
  }
  return steps;
}
