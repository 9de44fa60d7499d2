import { clauses, text, type TextParam } from '../../../../shared/i18n/engineText';
import { AppFailure, errorWords, fail, toAppError } from '../../../../shared/errors';
import { sleep } from '../../net';
import { deleteVm, readVmStatus } from './control';
import { readInventory } from './inventory';
import { cloneOnNode, finishOnNode, record, vmArtifactKey, type VmArtifact, type VmJob, type VmPhase } from './nodeAttempt';
import { orderCandidates } from './placement';
import { prepareNode } from './prepareNode';
import { ProxmoxFailure, isNotFoundFailure } from './proxmoxErrors';
import type { Inventory } from './types';
import { allocateVmid, releaseVmid, vmidKind, type VmidReservations } from './vmids';

export interface VmidScope {
  reservations: VmidReservations;
  environment: string;
  runId: string;
  stepId: string;
}

interface Resume {
  vmid: number;
  node: string;
  template: number | null;
  from: VmPhase;
}

/** Failures that would repeat on every node: no point trying the next one. */
function isFatal(failure: AppFailure): boolean {
  const { code } = failure.appError;
  return code === 'auth' || code === 'plan_invalid' || code === 'unsupported' || (failure instanceof ProxmoxFailure && failure.status === 400);
}

const asFailure = (error: unknown): AppFailure => (error instanceof AppFailure ? error : new AppFailure(toAppError(error), { cause: error }));

/** Waits until no task holds the VM's lock (a clone still running after a crash); false when the VM is gone. */
async function waitForUnlock(job: VmJob, node: string, vmid: number, timeoutMs = 30 * 60_000): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    let lock: string | null;
    try {
      lock = (await readVmStatus(job, node, vmid)).lock;
    } catch (error) {
      if (isNotFoundFailure(error)) return false;
      throw error;
    }
    if (!lock) return true;
    if (Date.now() - started > timeoutMs) fail('timeout', text('pve.vm.stillLocked', { vmid, node, lock }), { retryable: true });
    job.log('info', text('vmLog.pve.locked', { vmid, node, lock }));
    await sleep(2000, job.signal, text('wait.pveLock', { vmid }));
  }
}

/** Removes what a failed node attempt left; a failure here stops the failover, the VMID is still taken. */
async function cleanUp(job: VmJob, node: string, vmid: number, template: number | null): Promise<void> {
  record(job, { vmid, node, template, phase: 'cleaning' });
  await deleteVm(job, node, vmid);
  record(job, { vmid, node, template, phase: 'cleaned' });
}

/**
 * Picks up what a previous attempt recorded. Answers where to continue, or
 * null when there is nothing to continue (the clone never completed, or its
 * leftover was just removed).
 */
async function resumeFrom(job: VmJob, inventory: Inventory, saved: VmArtifact): Promise<Resume | null> {
  const guest = [...inventory.vms, ...inventory.templates].find((entry) => entry.vmid === saved.vmid);
  if (saved.phase === 'cleaning' || saved.phase === 'cleaned') {
    if (guest && saved.phase === 'cleaning') await cleanUp(job, guest.node, saved.vmid, saved.template);
    return null;
  }
  if (!guest) {
    job.log('info', text('pve.vm.recordedMissing', { vmid: saved.vmid, phase: saved.phase, node: saved.node }));
    return null;
  }
  if (guest.name !== job.input.name || guest.template) {
    fail('conflict', text(guest.template ? 'pve.vm.vmidNowTemplate' : 'pve.vm.vmidNowVm', { vmid: saved.vmid, name: job.input.name, other: guest.name, node: guest.node }), { retryable: false });
  }
  if (!(await waitForUnlock(job, guest.node, saved.vmid))) return null;
  job.log('info', text('pve.vm.resuming', { vmid: saved.vmid, node: guest.node, phase: saved.phase }));
  return { vmid: saved.vmid, node: guest.node, template: saved.template, from: saved.phase === 'cloning' ? 'cloned' : saved.phase };
}

/** A VM of the same name from an earlier run of this step (its VMID still reserved for it) is finished, not duplicated. */
async function adoptExisting(job: VmJob, inventory: Inventory, scope: VmidScope): Promise<Resume | null> {
  const namesakes = inventory.vms.filter((entry) => entry.name === job.input.name);
  if (namesakes.length === 0) return null;
  const ours = scope.reservations.listReservations(scope.environment, vmidKind).filter((entry) => entry.stepId === scope.stepId);
  const adopted = namesakes.find((entry) => ours.some((reservation) => Number(reservation.value) === entry.vmid));
  if (!adopted) {
    const list = text('text.commas', { items: namesakes.map((entry) => text('pve.vm.onNode', { vmid: entry.vmid, node: entry.node })) });
    fail('conflict', text('pve.vm.nameTaken', { name: job.input.name, endpoint: job.client.endpointName, list }), {
      hint: text('pve.hint.renameVm'),
      retryable: false,
      ...(job.input.cells.origin ? { cell: job.input.cells.origin } : {}),
    });
  }
  if (!(await waitForUnlock(job, adopted.node, adopted.vmid))) return null;
  job.log('info', text('pve.vm.adopting', { vmid: adopted.vmid, name: job.input.name, node: adopted.node }));
  return { vmid: adopted.vmid, node: adopted.node, template: null, from: 'cloned' };
}

/**
 * Clones, configures, grows and starts the VM on the first node that can take
 * it, moving to the next node (and deleting what the failed one left) when a
 * node fails. Resumes from the step's artifacts after a crash, and never
 * creates a second VM where one exists.
 */
export async function createVm(job: VmJob, scope: VmidScope): Promise<VmArtifact> {
  const inventory = await readInventory(job.client, job.signal);
  const saved = job.artifacts.get<VmArtifact>(vmArtifactKey);
  const resume = (saved ? await resumeFrom(job, inventory, saved) : null) ?? (await adoptExisting(job, inventory, scope));
  const tried: NodeProblem[] = [];
  if (resume) {
    try {
      await finishOnNode(job, resume.node, resume.vmid, resume.template, resume.from);
      return job.artifacts.get<VmArtifact>(vmArtifactKey) as VmArtifact;
    } catch (error) {
      const failure = asFailure(error);
      if (job.signal.aborted || failure.appError.code === 'cancelled') throw failure;
      job.log('warn', text('pve.vm.unfinished', { vmid: resume.vmid, node: resume.node, error: errorWords(failure.appError) }));
      await cleanUp(job, resume.node, resume.vmid, resume.template);
      if (isFatal(failure)) throw failure;
      tried.push({ node: resume.node, problem: errorWords(failure.appError), retryable: failure.appError.retryable });
    }
    return deployWithFailover(job, inventory, scope, resume.vmid, tried);
  }
  const fresh = saved ? await readInventory(job.client, job.signal) : inventory;
  const { vmid } = allocateVmid({ ...scope, os: job.input.os, planned: job.input.vmid, used: fresh.usedVmids });
  const owner = [...fresh.vms, ...fresh.templates].find((entry) => entry.vmid === vmid);
  if (owner) {
    releaseVmid(scope.reservations, scope.environment, vmid);
    fail('conflict', text('pve.vm.vmidUsed', { vmid, owner: owner.name, node: owner.node }), {
      hint: text('pve.hint.otherVmid'),
      retryable: false,
      ...(job.input.cells.vmid ? { cell: job.input.cells.vmid } : {}),
    });
  }
  return deployWithFailover(job, fresh, scope, vmid, tried);
}

interface NodeProblem {
  node: string;
  problem: TextParam;
  retryable: boolean;
}

async function deployWithFailover(job: VmJob, inventory: Inventory, scope: VmidScope, vmid: number, tried: NodeProblem[]): Promise<VmArtifact> {
  const note = (node: string, problem: TextParam, retryable: boolean): void => {
    tried.push({ node, problem, retryable });
    job.log('warn', text('pve.vm.notOn', { node, problem }));
  };
  for (const candidate of orderCandidates(inventory.nodes, job.input.placement)) {
    if (tried.some((entry) => entry.node === candidate.node)) continue;
    if (!candidate.known) {
      note(candidate.node, text('pve.node.unknown'), false);
      continue;
    }
    if (!candidate.online) {
      note(candidate.node, text('pve.node.offline'), true);
      continue;
    }
    const readiness = await prepareNode(job, inventory, candidate.node);
    if (!readiness.ok) {
      note(candidate.node, readiness.problem, readiness.retryable);
      continue;
    }
    const template = readiness.choice.template.vmid;
    try {
      await cloneOnNode(job, candidate.node, vmid, readiness.choice, readiness.storage);
      await finishOnNode(job, candidate.node, vmid, template, 'cloned');
      return job.artifacts.get<VmArtifact>(vmArtifactKey) as VmArtifact;
    } catch (error) {
      const failure = asFailure(error);
      if (job.signal.aborted || failure.appError.code === 'cancelled') throw failure;
      note(candidate.node, errorWords(failure.appError), failure.appError.retryable);
      await cleanUp(job, candidate.node, vmid, template);
      if (isFatal(failure)) throw failure;
    }
  }
  // Nothing of ours exists under this VMID any more: give it back.
  releaseVmid(scope.reservations, scope.environment, vmid);
  const summary = tried.length > 0 ? clauses(tried.map((entry) => text('pve.node.problem', { node: entry.node, problem: entry.problem }))) : text('pve.vm.noNodeListed');
  return fail('step_failed', text('pve.vm.noNode', { name: job.input.name, endpoint: job.client.endpointName, summary }), {
    retryable: tried.some((entry) => entry.retryable),
    hint: text('pve.hint.freeNodes'),
    ...(job.input.cells.origin ? { cell: job.input.cells.origin } : {}),
  });
}
