import { AppFailure, errorWords, toAppError } from '../../../../shared/errors';
import { clauses, listSomeText, sentences, text, type EngineTextKey, type TextRef } from '../../../../shared/i18n/engineText';
import type { Endpoint } from '../../../../shared/plan/model';
import type { TrustStore } from '../../net';
import { formatBytes, worst } from '../../preflight/format';
import { evaluateStorages, evaluateTemplates } from '../../preflight/inventoryChecks';
import type { EndpointNeeds } from '../../preflight/planNeeds';
import { check, errorDetail, type NodeCapacity, type PreflightCheck } from '../../preflight/types';
import type { ProviderPreflight } from '../types';
import { resolveVsphereEndpoint } from './endpoint';
import { readInventory, type VsInventory } from './inventory';
import { resolvePlacement } from './placement';
import { VimClient } from './soapClient';
import { vsVmInput } from './vmSpec';
import type { Plan } from '../../../../shared/plan/model';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
/** Like the shared capacity check: the plan may use 90% of what is free. */
const usable = 0.9;

const skippedAfter = (reason: 'preflight.reason.noCredentials' | 'preflight.reason.loginFailed'): PreflightCheck[] =>
  (['version', 'capacity', 'templates', 'storages', 'placement'] as const).map((id) => check(id, 'skipped', text('preflight.skipBecause', { reason: text(reason) })));

function failed(id: PreflightCheck['id'], cause: unknown, lead: EngineTextKey | null = null): PreflightCheck {
  const error = toAppError(cause);
  return check(id, 'blocker', lead ? text(lead, { error: errorWords(error) }) : errorWords(error), errorDetail(error));
}

/** The shape the shared template and storage evaluations read. */
function inventoryView(inventory: VsInventory) {
  const hostName = new Map(inventory.hosts.map((host) => [host.ref.value, host.name]));
  return {
    nodes: inventory.hosts.map((host) => ({ name: host.name, online: host.online, memTotal: host.memTotal, memUsed: host.memUsed })),
    storages: inventory.datastores.map((ds) => ({ node: '', storage: ds.name, content: ['images', 'iso'], shared: true, active: ds.accessible, total: ds.capacity, used: ds.capacity - ds.free })),
    templates: inventory.vms.filter((vm) => vm.template).map((vm) => ({ vmid: 0, name: vm.name, node: hostName.get(vm.host?.value ?? '') ?? '', os: vm.os })),
  };
}

/**
 * Memory per cluster (its online hosts' free memory against the VMs placed
 * there) and disk per datastore (free space against the disks planned on
 * it). A datastore that cannot hold its disks blocks: every clone there would fail.
 */
export function vsphereCapacity(inventory: VsInventory, plan: Plan, needs: EndpointNeeds): PreflightCheck {
  const memoryByCluster = new Map<string, number>();
  const diskByDatastore = new Map<string, number>();
  const unplaced: string[] = [];
  for (const vm of needs.vms) {
    try {
      const placement = resolvePlacement(inventory, vsVmInput(plan, vm));
      memoryByCluster.set(placement.cluster.name, (memoryByCluster.get(placement.cluster.name) ?? 0) + vm.memoryMiB * MiB);
      diskByDatastore.set(placement.datastore.name, (diskByDatastore.get(placement.datastore.name) ?? 0) + vm.diskGiB * GiB);
    } catch {
      unplaced.push(vm.name);
    }
  }
  const findings: Array<{ status: 'warning' | 'blocker'; text: TextRef }> = [];
  const summary: TextRef[] = [];
  for (const [cluster, bytes] of memoryByCluster) {
    const hosts = inventory.hosts.filter((host) => host.cluster === cluster && host.online);
    const free = hosts.reduce((sum, host) => sum + Math.max(0, host.memTotal - host.memUsed), 0);
    summary.push(text('preflight.capacity.vsCluster', { cluster, need: formatBytes(bytes), free: formatBytes(free), hosts: hosts.length }));
    if (bytes > free * usable) findings.push({ status: 'warning', text: text('preflight.capacity.vsClusterShort', { cluster, need: formatBytes(bytes), free: formatBytes(free) }) });
  }
  for (const [name, bytes] of diskByDatastore) {
    const datastore = inventory.datastores.find((entry) => entry.name === name);
    const free = datastore?.free ?? 0;
    summary.push(text('preflight.capacity.vsDatastore', { name, need: formatBytes(bytes), free: formatBytes(free) }));
    if (bytes > free) findings.push({ status: 'blocker', text: text('preflight.capacity.vsDatastoreFull', { name, need: formatBytes(bytes), free: formatBytes(free) }) });
    else if (bytes > free * usable) findings.push({ status: 'warning', text: text('preflight.capacity.vsDatastoreNearly', { name, need: formatBytes(bytes), free: formatBytes(free) }) });
  }
  if (unplaced.length > 0) summary.push(text('preflight.capacity.vsUncounted', { vms: listSomeText(unplaced, 3) }));
  if (findings.length === 0) return check('capacity', 'ok', text('preflight.capacity.vsFit', { vms: needs.vms.length, summary: clauses(summary) }));
  return check('capacity', worst(findings.map((finding) => finding.status)) as 'warning' | 'blocker', sentences(...findings.map((finding) => finding.text)), clauses(summary));
}

/** Every VM's folder, pool, cluster and port group, resolved as the deploy step will: each miss names its cell. */
export function vspherePlacementCheck(inventory: VsInventory, plan: Plan, needs: EndpointNeeds): PreflightCheck {
  const problems: TextRef[] = [];
  for (const vm of needs.vms) {
    try {
      resolvePlacement(inventory, vsVmInput(plan, vm));
    } catch (cause) {
      const appError = toAppError(cause);
      const error = errorWords(appError);
      problems.push(appError.cell ? text('preflight.placement.problemAt', { vm: vm.name, error, at: `${appError.cell.sheet}!${appError.cell.cell}` }) : text('preflight.placement.problem', { vm: vm.name, error }));
    }
  }
  if (problems.length === 0) return check('placement', 'ok', text('preflight.placement.ok'));
  return check('placement', 'blocker', sentences(...problems.slice(0, 6), problems.length > 6 && text('preflight.placement.more', { count: problems.length - 6 })));
}

function hostCapacities(inventory: VsInventory): NodeCapacity[] {
  return inventory.hosts.map((host) => ({
    node: host.name,
    online: host.online,
    memoryFreeBytes: Math.max(0, host.memTotal - host.memUsed),
    memoryTotalBytes: host.memTotal,
    diskFreeBytes: 0,
    diskTotalBytes: 0,
  }));
}

/** Login, version, capacity, templates, datastores and placement of one vCenter endpoint; the certificate is already trusted. */
export async function vsphereChecks(endpoint: Endpoint, plan: Plan, needs: EndpointNeeds, trust: TrustStore, timeoutMs: number, signal: AbortSignal): Promise<ProviderPreflight> {
  let client: VimClient;
  try {
    client = new VimClient({ endpoint: resolveVsphereEndpoint(endpoint), trust, timeoutMs });
  } catch (cause) {
    return { checks: [failed('login', cause), ...skippedAfter('preflight.reason.noCredentials')], version: null, nodes: [] };
  }
  try {
    try {
      await client.cookieHeader(signal);
    } catch (cause) {
      return { checks: [failed('login', cause), ...skippedAfter('preflight.reason.loginFailed')], version: null, nodes: [] };
    }
    const login = check('login', 'ok', text('preflight.login.ok', { user: endpoint.username ?? '' }));
    const content = await client.serviceContent(signal);
    const version = content.fullName || content.apiVersion || null;
    const versionCheck =
      content.apiType === 'VirtualCenter'
        ? check('version', 'ok', text('preflight.version.vcenter', { name: content.fullName, api: content.apiVersion }))
        : check('version', 'warning', text('preflight.version.notVcenter', { name: content.fullName || text('preflight.version.theEndpoint'), api: content.apiType || text('preflight.version.unknownApi') }));
    let inventory: VsInventory;
    try {
      inventory = await readInventory(client, signal);
    } catch (cause) {
      const unread = (id: 'capacity' | 'templates' | 'storages' | 'placement') => ({ ...failed(id, cause, 'preflight.inventory.vsphereUnreadable'), status: 'warning' as const });
      return { checks: [login, versionCheck, unread('capacity'), unread('templates'), unread('storages'), unread('placement')], version, nodes: [] };
    }
    const view = inventoryView(inventory);
    return {
      checks: [login, versionCheck, vsphereCapacity(inventory, plan, needs), evaluateTemplates(view, needs), evaluateStorages(view, needs), vspherePlacementCheck(inventory, plan, needs)],
      version,
      nodes: hostCapacities(inventory),
    };
  } catch (cause) {
    if (cause instanceof AppFailure && cause.appError.code === 'cancelled') throw cause;
    return { checks: [failed('version', cause, 'preflight.version.noAnswer')], version: null, nodes: [] };
  } finally {
    client.close();
  }
}
