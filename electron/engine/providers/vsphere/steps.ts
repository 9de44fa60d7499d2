import type { CellRef } from '../../../../shared/errors';
import { whereOf, type Image, type Plan } from '../../../../shared/plan/model';
import type { StepSpec } from '../../runner/types';
import { isoPath, vsVmInput, type VsVmInput } from './vmSpec';

export const vsUploadKind = 'vsphere.image.upload';
export const vsDeployKind = 'vsphere.vm.deploy';

export interface VsUploadInput {
  endpoint: string;
  /** null = the endpoint's only datacenter. */
  datacenter: string | null;
  datastore: string;
  /** Below the datastore root: `iso/ubuntu.iso`. */
  path: string;
  /** As in the plan: relative to the workbook's folder. */
  file: string;
  sha256: string | null;
  image: string;
  cells: { file?: CellRef; sha256?: CellRef };
}

export const vsUploadStepId = (input: Pick<VsUploadInput, 'endpoint' | 'datastore' | 'path'>): string => `image.upload:${input.endpoint}/${input.datastore}/${input.path}`;
export const vsDeployStepId = (vmName: string): string => `vm.create:${vmName}`;

function uploadInput(plan: Plan, image: Image, endpoint: string, datastore: string): VsUploadInput {
  const cells: VsUploadInput['cells'] = {};
  const file = whereOf(image, 'file');
  const sha256 = whereOf(image, 'sha256');
  if (file) cells.file = file;
  if (sha256) cells.sha256 = sha256;
  return {
    endpoint,
    datacenter: plan.endpoints.find((entry) => entry.name === endpoint)?.datacenter ?? null,
    datastore,
    path: isoPath(image.remoteName ?? (image.file as string).split(/[\\/]/).pop() ?? image.name),
    file: image.file as string,
    sha256: image.sha256 ? image.sha256.toLowerCase() : null,
    image: image.name,
    cells,
  };
}

/**
 * The vCenter part of a plan's graph: one upload per ISO and endpoint (to
 * the image's datastore, else its first VM's), one deploy per VM of a
 * vsphere endpoint, after the upload of the ISO it mounts.
 */
export function buildVsphereSteps(plan: Plan): StepSpec[] {
  const vsphere = new Set(plan.endpoints.filter((endpoint) => endpoint.kind === 'vsphere').map((endpoint) => endpoint.name));
  const vms = plan.vms.filter((vm) => vsphere.has(vm.endpoint));
  const steps: StepSpec[] = [];
  const uploads = new Map<string, string>();
  for (const image of plan.images) {
    if (image.kind !== 'iso' || !image.file) continue;
    const users = vms.filter((vm) => vm.image === image.name);
    const endpoints = image.endpoint ? [image.endpoint] : [...new Set(users.map((vm) => vm.endpoint))];
    for (const endpoint of endpoints.filter((name) => vsphere.has(name))) {
      const datastore = image.storage ?? users.find((vm) => vm.endpoint === endpoint && vm.storage)?.storage;
      if (!datastore) continue;
      const input = uploadInput(plan, image, endpoint, datastore);
      const id = vsUploadStepId(input);
      const where = `${endpoint}/${datastore}`;
      steps.push({ id, kind: vsUploadKind, title: `Upload ${input.path} to ${where}`, titleKey: 'step.image.upload', titleParams: { file: input.path, where }, target: where, deps: [], input } satisfies StepSpec<VsUploadInput> as StepSpec);
      uploads.set(`${image.name}|${endpoint}`, id);
    }
  }
  for (const vm of vms) {
    const input: VsVmInput = vsVmInput(plan, vm);
    const upload = vm.image ? uploads.get(`${vm.image}|${vm.endpoint}`) : undefined;
    steps.push({
      id: vsDeployStepId(vm.name),
      kind: vsDeployKind,
      title: `Create VM ${vm.name}`,
      titleKey: 'step.vm.create',
      titleParams: { name: vm.name },
      target: vm.name,
      deps: upload ? [upload] : [],
      input,
    } satisfies StepSpec<VsVmInput> as StepSpec);
  }
  return steps;
}
