import { paramError } from '../reply';
import { num, params, text, type HandlerDef } from './common';
import { nodeRecord, storageResource, vmResource } from './views';

/** GET /cluster/resources?type=vm|storage|node */
export const clusterResources: HandlerDef = params(({ lab, params: p }) => {
  const type = text(p, 'type');
  const out: Record<string, unknown>[] = [];
  const nodes = [...lab.cluster.nodes.values()];
  if (!type || type === 'node') out.push(...nodes.map((node) => nodeRecord(lab, node)));
  if (!type || type === 'vm') out.push(...[...lab.cluster.vms.values()].sort((a, b) => a.vmid - b.vmid).map((vm) => vmResource(lab, vm)));
  if (!type || type === 'storage') {
    for (const node of nodes) for (const storage of node.storages.values()) out.push(storageResource(lab, node.name, storage));
  }
  return out;
});

/**
 * GET /cluster/nextid: the lowest free VMID as a string (PVE's JSON has it
 * quoted); with `vmid`, that VMID if free, else a 400 naming it.
 */
export const nextId: HandlerDef = params(({ lab, params: p }) => {
  const wanted = num(p, 'vmid');
  if (wanted === undefined) return String(lab.cluster.nextFreeVmid());
  if (lab.cluster.vms.has(wanted)) throw paramError({ vmid: `VM ${wanted} already exists` });
  return String(wanted);
});

/** GET /nodes */
export const listNodes: HandlerDef = params(({ lab }) =>
  [...lab.cluster.nodes.values()].map((node) => {
    const { type: _type, 'cgroup-mode': _mode, disk: _disk, maxdisk: _maxdisk, ...record } = nodeRecord(lab, node);
    return { ...record, ssl_fingerprint: lab.fingerprint };
  }),
);
