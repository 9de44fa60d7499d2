import { text as catalogueText } from '../../../../shared/i18n/engineText';
import { AppFailure, appError, errorWords, fail } from '../../../../shared/errors';
import type { Progress } from '../../../../shared/runModel';
import type { ArtifactStore } from '../../runner/types';
import type { SlotLimits } from '../../runner/slotLimits';
import { destroyVm, powerOn, type ControlContext } from './control';
import { customizationSpec, type GuestSecrets } from './customization';
import { editNic, isoCdrom, readVmDevices } from './devices';
import { isFaultOf } from './faults';
import { guestAnswers, waitForGuestIp } from './guest';
import { readInventory, type VsInventory, type VsVm } from './inventory';
import { cloneSlotKey, vsphereLimits } from './limits';
import { assertRoom, resolvePlacement, type VsPlacement } from './placement';
import { retrieveObject } from './properties';
import { runTask, waitForTask } from './tasks';
import type { VsVmInput } from './vmSpec';
import { moref, ref, text, type MoRef, type XmlNode } from './xml';

/*
 * What the step has done, recorded before and after each call that creates
 * or changes something, so a resumed step picks up where it stopped and a
 * crash between clone and customize never clones twice:
 *
 *   cloning ──> cloned ──> configured ──> customized ──> poweredOn ──> ready
 *      │ (undo, or a failure the user rolls back)
 *      └──────────────> removing ──> removed
 *
 * `cloned` and `configured` are the "customization pending" records: the VM
 * id is stored, so a resume (check() says not done, run() finds the VM by
 * that id) continues with configure or customize and never clones again
 * (electron/integration/vsphere/resume.test.ts).
 */
export type VsPhase = 'cloning' | 'cloned' | 'configured' | 'customized' | 'poweredOn' | 'ready' | 'removing' | 'removed';
const order: readonly VsPhase[] = ['cloning', 'cloned', 'configured', 'customized', 'poweredOn', 'ready'];

export interface VsVmArtifact {
  /** The VM's managed object id (`vm-1042`), once known. */
  moref: string | null;
  /** The clone task, recorded as soon as vCenter answers it: a resume waits for it instead of cloning again. */
  task: string | null;
  folder: string;
  datastore: string;
  phase: VsPhase;
}
export const vsVmArtifactKey = 'vm';

/** The parts of the step as the user sees them (raw ids; the renderer names them). */
export const vsStepPhases = ['clone', 'configure', 'customize', 'start', 'guestAgent', 'verify'] as const;

export interface VsVmJob extends ControlContext {
  input: VsVmInput;
  artifacts: ArtifactStore;
  slots: SlotLimits;
  secrets: GuestSecrets;
  progress(progress: Progress): void;
  guest: { timeoutMs: number; probeTimeoutMs: number };
}

const vmRef = (value: string): MoRef => ({ type: 'VirtualMachine', value });
const reached = (saved: VsVmArtifact | undefined, phase: VsPhase): boolean => !!saved && order.indexOf(saved.phase) >= order.indexOf(phase) && order.includes(saved.phase);

function begin(job: VsVmJob, phase: (typeof vsStepPhases)[number], fraction?: number): void {
  const phaseIndex = vsStepPhases.indexOf(phase);
  const share = 1 / vsStepPhases.length;
  job.progress({ phase, phaseIndex, phaseCount: vsStepPhases.length, fraction: Math.min(1, phaseIndex * share + (fraction ?? 0) * share) });
}

function record(job: VsVmJob, artifact: VsVmArtifact): VsVmArtifact {
  job.artifacts.set(vsVmArtifactKey, artifact);
  return artifact;
}

const namesakesIn = (inventory: VsInventory, name: string, folder: string, datacenter: string): VsVm[] =>
  inventory.vms.filter((vm) => vm.name === name && vm.folder === folder && vm.datacenter === datacenter && !vm.template);

/**
 * The VM this step made earlier, if any: by the recorded id, else (the
 * clone was requested but its answer never recorded) by name in the target
 * folder once the recorded clone task is over. A namesake the step did not
 * make is a conflict, never adopted.
 */
async function findOurs(job: VsVmJob, inventory: VsInventory, placement: VsPlacement, saved: VsVmArtifact | undefined): Promise<VsVm | null> {
  const { input } = job;
  if (saved?.moref && order.includes(saved.phase)) {
    const known = inventory.vms.find((vm) => vm.ref.value === saved.moref);
    if (known && known.name === input.name) return known;
  }
  if (saved?.phase === 'cloning' && saved.task) {
    try {
      const result = moref(await waitForTask(job.client, { type: 'Task', value: saved.task }, { signal: job.signal, what: catalogueText('vsphere.task.cloneEarlier', { name: input.name }) }));
      if (result) job.log('info', catalogueText('vmLog.vs.cloneFinished', { name: input.name, moref: result.value }));
    } catch (error) {
      if (!(error instanceof AppFailure) || job.signal.aborted) throw error;
      job.log('info', catalogueText('vmLog.vs.cloneLost', { error: errorWords(error.appError) }));
    }
    inventory = await readInventory(job.client, job.signal);
  }
  const namesakes = namesakesIn(inventory, input.name, placement.folder.path, placement.datacenter.name);
  if (namesakes.length === 0) return null;
  if (saved && order.includes(saved.phase)) return namesakes[0] as VsVm;
  fail('conflict', catalogueText('vsphere.vm.nameTaken', { name: input.name, folder: placement.folder.path, endpoint: input.endpoint, morefs: namesakes.map((vm) => vm.ref.value).join(', ') }), {
    hint: catalogueText('vsphere.hint.renameVm'),
    retryable: false,
    ...(input.cells.origin ? { cell: input.cells.origin } : {}),
  });
}

async function cloneVm(job: VsVmJob, placement: VsPlacement): Promise<MoRef> {
  const { input } = job;
  assertRoom(placement, input);
  const base = { moref: null, task: null, folder: placement.folder.path, datastore: placement.datastore.name } as const;
  record(job, { ...base, phase: 'cloning' });
  begin(job, 'clone');
  const pool = placement.pool.path || catalogueText('vmLog.vs.rootPool');
  job.log('info', catalogueText('vmLog.vs.clone', { template: placement.template.name, name: input.name, folder: placement.folder.path, cluster: placement.cluster.name, pool, datastore: placement.datastore.name }));
  const spec: XmlNode = {
    location: { datastore: ref(placement.datastore.ref), pool: ref(placement.pool.ref), ...(placement.host ? { host: ref(placement.host.ref) } : {}) },
    template: false,
    powerOn: false,
  };
  // Clones load the datastore they write: a few at a time per datastore, waits included (the clone task is the load).
  return job.slots.run(cloneSlotKey(input.endpoint, placement.datastore.name), vsphereLimits.clonesPerDatastore, job.signal, async () => {
    const task = moref(await job.client.call('CloneVM_Task', placement.template.ref, { folder: ref(placement.folder.ref), name: input.name, spec }, job.signal));
    if (!task) fail('step_failed', catalogueText('vsphere.clone.noTask', { endpoint: input.endpoint, template: placement.template.name }));
    record(job, { ...base, task: task.value, phase: 'cloning' });
    const result = moref(await waitForTask(job.client, task, { signal: job.signal, what: catalogueText('vsphere.task.clone', { template: placement.template.name, name: input.name }), onProgress: (percent) => begin(job, 'clone', percent / 100) }));
    if (!result) fail('step_failed', catalogueText('vsphere.clone.noResult', { endpoint: input.endpoint, name: input.name }));
    record(job, { ...base, moref: result.value, task: task.value, phase: 'cloned' });
    return result;
  });
}

/** CPU, memory, the NIC on the planned port group, the plan's ISO in the CD-ROM: one ReconfigVM_Task. */
async function configure(job: VsVmJob, vm: MoRef, placement: VsPlacement, inventory: VsInventory): Promise<number> {
  const { input } = job;
  begin(job, 'configure');
  const devices = await readVmDevices(job.client, vm, job.signal);
  const deviceChange: XmlNode[] = [];
  const [nic] = devices.nics;
  if (placement.nic) {
    if (!nic) fail('step_failed', catalogueText('vsphere.vm.noNic', { name: input.name, template: placement.template.name, network: placement.nic.name }), { retryable: false });
    deviceChange.push(editNic(nic, placement.nic));
  }
  if (input.iso) {
    const datastore = inventory.datastores.find((entry) => entry.name === input.iso?.datastore && entry.datacenter === placement.datacenter.name);
    if (!datastore) fail('plan_invalid', catalogueText('vsphere.vm.noIsoDatastore', { endpoint: input.endpoint, datastore: input.iso.datastore, name: input.name }), { retryable: false, ...(input.cells.image ? { cell: input.cells.image } : {}) });
    const cdrom = isoCdrom(devices, { path: `[${datastore.name}] ${input.iso.path}`, datastore: datastore.ref });
    if (!cdrom) fail('step_failed', catalogueText('vsphere.vm.noCdrom', { name: input.name }), { retryable: false });
    deviceChange.push(cdrom);
  }
  const settings = [`${input.vcpu} vCPU`, `${input.memoryMiB} MiB`, ...(placement.nic ? [catalogueText('vmLog.vs.nicOn', { network: placement.nic.name })] : []), ...(input.iso ? [`CD-ROM ${input.iso.path}`] : [])];
  job.log('info', catalogueText('vmLog.vs.reconfigure', { settings: catalogueText('text.commas', { items: settings }) }));
  await runTask(job.client, 'ReconfigVM_Task', vm, { spec: { numCPUs: input.vcpu, memoryMB: input.memoryMiB, ...(deviceChange.length > 0 ? { deviceChange } : {}) } }, { signal: job.signal, what: catalogueText('vsphere.task.reconfigure', { name: input.name }) });
  return Math.max(1, devices.nics.length);
}

async function customize(job: VsVmJob, vm: MoRef, nicCount: number): Promise<void> {
  const { input } = job;
  begin(job, 'customize');
  const address = input.ip ? catalogueText('vmLog.vs.address', { ip: input.ip }) : 'DHCP';
  job.log('info', catalogueText('vmLog.vs.customize', { name: input.name, method: input.os === 'windows' ? 'sysprep' : 'Linux prep', address }));
  for (const secret of Object.values(job.secrets)) job.client.addSecret(secret);
  try {
    await runTask(job.client, 'CustomizeVM_Task', vm, { spec: customizationSpec(input, job.secrets, nicCount) }, { signal: job.signal, what: catalogueText('vsphere.task.customize', { name: input.name }) });
  } catch (error) {
    // Recorded before the crash? The customization waits for the first boot: it is applied already.
    if (!isFaultOf(error, 'CustomizationPending')) throw error;
    job.log('info', catalogueText('vmLog.vs.customizationPending', { name: input.name }));
  }
}

async function awaitGuest(job: VsVmJob, vm: MoRef): Promise<void> {
  const { input } = job;
  begin(job, 'guestAgent');
  const outcome = await waitForGuestIp(job, vm, input.ip, job.guest.timeoutMs);
  if (!outcome.ok) {
    throw new AppFailure(
      appError('timeout', catalogueText(input.ip ? 'vsphere.guest.timeout' : 'vsphere.guest.timeoutAny', { name: input.name, address: input.ip ?? '', seconds: Math.round(job.guest.timeoutMs / 1000), reason: outcome.reason }), {
        hint: catalogueText('vsphere.hint.tools'),
        retryable: true,
      }),
    );
  }
  job.log('info', catalogueText('vmLog.vs.toolsReport', { addresses: outcome.addresses.join(', '), tools: outcome.tools }));
  begin(job, 'verify');
  if (!input.ip) return;
  const answer = await guestAnswers(input.ip, input.verifyPorts, job.guest.probeTimeoutMs, job.signal);
  if (answer.ok) job.log('info', catalogueText('vmLog.vs.answers', { name: input.name, ip: input.ip, port: answer.port }));
  else job.log('warn', catalogueText('vmLog.vs.noAnswer', { name: input.name, ip: input.ip, reason: answer.reason }));
}

/**
 * Clones the template into the planned folder, pool and datastore, sets CPU,
 * memory, NIC and ISO, customizes the guest, powers it on and waits for
 * VMware Tools to report the planned address. Resumes from the recorded phase.
 */
export async function deployVm(job: VsVmJob): Promise<VsVmArtifact> {
  const inventory = await readInventory(job.client, job.signal);
  const placement = resolvePlacement(inventory, job.input);
  let saved = job.artifacts.get<VsVmArtifact>(vsVmArtifactKey);
  if (saved && !order.includes(saved.phase)) saved = undefined;
  const ours = await findOurs(job, inventory, placement, saved);
  let vm: MoRef;
  if (ours) {
    vm = ours.ref;
    if (!saved || saved.phase === 'cloning') saved = record(job, { task: saved?.task ?? null, folder: placement.folder.path, datastore: placement.datastore.name, moref: vm.value, phase: 'cloned' });
    job.log('info', catalogueText('vmLog.vs.continue', { name: job.input.name, moref: vm.value, phase: saved.phase }));
  } else {
    vm = await cloneVm(job, placement);
    saved = job.artifacts.get<VsVmArtifact>(vsVmArtifactKey) as VsVmArtifact;
  }
  const base = { task: saved.task, folder: placement.folder.path, datastore: placement.datastore.name };
  const at = (phase: VsPhase): VsVmArtifact => record(job, { ...base, moref: vm.value, phase });
  let nicCount = 1;
  if (!reached(saved, 'configured')) {
    nicCount = await configure(job, vm, placement, inventory);
    saved = at('configured');
  } else {
    nicCount = Math.max(1, (await readVmDevices(job.client, vm, job.signal)).nics.length);
  }
  if (!reached(saved, 'customized')) {
    await customize(job, vm, nicCount);
    saved = at('customized');
  }
  if (!reached(saved, 'poweredOn')) {
    begin(job, 'start');
    await powerOn(job, vm, job.input.name);
    saved = at('poweredOn');
  }
  await awaitGuest(job, vm);
  return at('ready');
}

/** Removes what the step made (only the VM it recorded, and only while it still has the planned name). */
export async function removeVm(job: ControlContext & { artifacts: ArtifactStore; input: VsVmInput }): Promise<void> {
  const saved = job.artifacts.get<VsVmArtifact>(vsVmArtifactKey);
  if (!saved || saved.phase === 'removed') return;
  let target: MoRef | null = saved.moref ? vmRef(saved.moref) : null;
  if (!target) {
    const inventory = await readInventory(job.client, job.signal);
    target = namesakesIn(inventory, job.input.name, saved.folder, inventory.vms.find((vm) => vm.name === job.input.name)?.datacenter ?? '')[0]?.ref ?? null;
  }
  if (target) {
    const props = await retrieveObject(job.client, target, ['name'], job.signal).catch((error: unknown) => (isFaultOf(error, 'ManagedObjectNotFound') ? null : Promise.reject(error)));
    const name = text(props?.get('name'));
    // Only the VM this step made: an id that now names another VM is left alone.
    if (props && name !== job.input.name) {
      job.log('warn', catalogueText('vsphere.vm.renamed', { moref: target.value, now: name ?? '', name: job.input.name }));
      return;
    }
    job.artifacts.set(vsVmArtifactKey, { ...saved, phase: 'removing' } satisfies VsVmArtifact);
    await destroyVm(job, target, job.input.name);
  }
  job.artifacts.set(vsVmArtifactKey, { ...saved, phase: 'removed' } satisfies VsVmArtifact);
}

