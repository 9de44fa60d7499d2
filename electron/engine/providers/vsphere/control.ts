import { text as catalogueText } from '../../../../shared/i18n/engineText';
import { retrieveObject } from './properties';
import { isFaultOf } from './faults';
import type { VimClient } from './soapClient';
import { runTask } from './tasks';
import type { StepLog } from './types';
import { text, type MoRef } from './xml';

export interface ControlContext {
  client: VimClient;
  signal: AbortSignal;
  log: StepLog;
}

/** `poweredOn`, `poweredOff`, `suspended`; null when the VM no longer exists. */
export async function powerStateOf(ctx: ControlContext, vm: MoRef): Promise<string | null> {
  try {
    return text((await retrieveObject(ctx.client, vm, ['runtime.powerState'], ctx.signal))?.get('runtime.powerState')) ?? null;
  } catch (error) {
    if (isFaultOf(error, 'ManagedObjectNotFound')) return null;
    throw error;
  }
}

export async function powerOn(ctx: ControlContext, vm: MoRef, name: string): Promise<void> {
  if ((await powerStateOf(ctx, vm)) === 'poweredOn') return;
  ctx.log('info', catalogueText('vmLog.vs.powerOn', { name }));
  await runTask(ctx.client, 'PowerOnVM_Task', vm, {}, { signal: ctx.signal, what: catalogueText('vsphere.task.powerOn', { name }) });
}

export async function powerOff(ctx: ControlContext, vm: MoRef, name: string): Promise<void> {
  const state = await powerStateOf(ctx, vm);
  if (state === null || state === 'poweredOff') return;
  ctx.log('info', catalogueText('vmLog.vs.powerOff', { name }));
  try {
    await runTask(ctx.client, 'PowerOffVM_Task', vm, {}, { signal: ctx.signal, what: catalogueText('vsphere.task.powerOff', { name }) });
  } catch (error) {
    // It went off on its own between the read and the call.
    if (!isFaultOf(error, 'InvalidPowerState')) throw error;
  }
}

/** Powers the VM off, then destroys it with its disks; one already gone counts as deleted. */
export async function destroyVm(ctx: ControlContext, vm: MoRef, name: string): Promise<void> {
  try {
    await powerOff(ctx, vm, name);
    ctx.log('info', catalogueText('vmLog.vs.delete', { name, moref: vm.value }));
    await runTask(ctx.client, 'Destroy_Task', vm, {}, { signal: ctx.signal, what: catalogueText('vsphere.task.delete', { name }) });
  } catch (error) {
    if (!isFaultOf(error, 'ManagedObjectNotFound')) throw error;
    ctx.log('info', catalogueText('vmLog.vs.gone', { name, moref: vm.value }));
  }
}
