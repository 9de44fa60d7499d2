import { text } from '../../../../shared/i18n/engineText';
import { AppFailure, fail, toAppError } from '../../../../shared/errors';
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
    if (Date.now() - started > timeoutMs) fail('timeout', `VM ${vmid} on ${node} is still locked (${lock}).`, { retryable: true });
    job.log('info', text('vmLog.pve.locked', { vmid, node, lock }));
    await sleep(2000, job.signal, `Waiting for the lock on VM ${vmid}`);
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
    job.log('info', `VM ${saved.vmid} recorded as ${saved.phase} on ${saved.node} does not exist; creating it.`);
    return null;
  }
  if (guest.name !== job.input.name || guest.template) {
    fail('conflict', `VMID ${saved.vmid}, recorded for "${job.input.name}", now belongs to ${guest.template ? 'template' : 'VM'} "${guest.name}" on ${guest.node}.`, { retryable: false });
  }
  if (!(await waitForUnlock(job, guest.node, saved.vmid))) return null;
  job.log('info', `Resuming VM ${saved.vmid} on ${guest.node} after phase "${saved.phase}".`);
  return { vmid: saved.vmid, node: guest.node, template: saved.template, from: saved.phase === 'cloning' ? 'cloned' : saved.phase };
}

/** A VM of the same name from an earlier run of this step (its VMID still reserved for it) is finished, not duplicated. */
async function adoptExisting(job: VmJob, inventory: Inventory, scope: VmidScope): Promise<Resume | null> {
  const namesakes = inventory.vms.filter((entry) => entry.name === job.input.name);
  if (namesakes.length === 0) return null;
  const ours = scope.reservations.listReservations(scope.environment, vmidKind).filter((entry) => entry.stepId === scope.stepId);
  const adopted = namesakes.find((entry) => ours.some((reservation) => Number(reservation.value) === entry.vmid));
  if (!adopted) {
    const list = namesakes.map((entry) => `${entry.vmid} on ${entry.node}`).join(', ');
    fail('conflict', `A VM named "${job.input.name}" already exists on ${job.client.endpointName} (${list}) and was not created by Rackpilot.`, {
      hint: 'Rename the VM in the plan, or delete or rename the existing one.',
      retryable: false,
      ...(job.input.cells.origin ? { cell: job.input.cells.origin } : {}),
    });
  }
  if (!(await waitForUnlock(job, adopted.node, adopted.vmid))) return null;
  job.log('info', `VM ${adopted.vmid} "${job.input.name}" on ${adopted.node} was created by an earlier run; finishing its configuration.`);
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
      job.log('warn', `VM ${resume.vmid} could not be finished on ${resume.node}: ${failure.appError.title}`);
      await cleanUp(job, resume.node, resume.vmid, resume.template);
      if (isFatal(failure)) throw failure;
      tried.push({ node: resume.node, problem: failure.appError.title, retryable: failure.appError.retryable });
    }
    return deployWithFailover(job, inventory, scope, resume.vmid, tried);
  }
  const fresh = saved ? await readInventory(job.client, job.signal) : inventory;
  const { vmid } = allocateVmid({ ...scope, os: job.input.os, planned: job.input.vmid, used: fresh.usedVmids });
  const owner = [...fresh.vms, ...fresh.templates].find((entry) => entry.vmid === vmid);
  if (owner) {
    releaseVmid(scope.reservations, scope.environment, vmid);
    fail('conflict', `VMID ${vmid} is already used by "${owner.name}" on ${owner.node}.`, {
      hint: 'Give the VM another VMID in the plan, or leave it empty to have one chosen.',
      retryable: false,
      ...(job.input.cells.vmid ? { cell: job.input.cells.vmid } : {}),
    });
  }
  return deployWithFailover(job, fresh, scope, vmid, tried);
}

interface NodeProblem {
  node: string;
  problem: string;
  retryable: boolean;
}

async function deployWithFailover(job: VmJob, inventory: Inventory, scope: VmidScope, vmid: number, tried: NodeProblem[]): Promise<VmArtifact> {
  const note = (node: string, problem: string, retryable: boolean): void => {
    tried.push({ node, problem, retryable });
    job.log('warn', `Not on ${node}: ${problem}`);
  };
  for (const candidate of orderCandidates(inventory.nodes, job.input.placement)) {
    if (tried.some((entry) => entry.node === candidate.node)) continue;
    if (!candidate.known) {
      note(candidate.node, 'the cluster has no such node', false);
      continue;
    }
    if (!candidate.online) {
      note(candidate.node, 'the node is offline', true);
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
      note(candidate.node, failure.appError.title, failure.appError.retryable);
      await cleanUp(job, candidate.node, vmid, template);
      if (isFatal(failure)) throw failure;
    }
  }
  // Nothing of ours exists under this VMID any more: give it back.
  releaseVmid(scope.reservations, scope.environment, vmid);
  const summary = tried.map((entry) => `${entry.node}: ${entry.problem}`).join('; ');
  return fail('step_failed', `VM "${job.input.name}" could not be created on any node of ${job.client.endpointName}. ${summary || 'The cluster lists no node.'}`, {
    retryable: tried.some((entry) => entry.retryable),
    hint: 'Free memory or disk, bring nodes back online, or change the placement in the plan.',
    ...(job.input.cells.origin ? { cell: job.input.cells.origin } : {}),
  });
}
