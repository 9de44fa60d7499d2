import { createTicket, version } from './access';
import { clusterResources, listNodes, nextId } from './cluster';
import type { HandlerDef } from './common';
import { nodeNetwork, nodeStatus } from './nodes';
import { cloneVm } from './qemuClone';
import { postConfig, putConfig } from './qemuConfig';
import { destroyVm, resizeDisk } from './qemuDisk';
import { shutdownVm, startVm, stopVm, suspendVm } from './qemuPower';
import { agentInterfaces, currentStatus, getConfig, listVms } from './qemuRead';
import { listStorage, storageContent, storageStatus } from './storage';
import { deleteVolume } from './storageDelete';
import { taskLog, taskStatus } from './tasks';
import { uploadFile } from './upload';

/** `METHOD /template` -> handler; must list exactly the methods of the schema subset (checked at start). */
export const handlers: Record<string, HandlerDef> = {
  'POST /access/ticket': createTicket,
  'GET /version': version,
  'GET /cluster/resources': clusterResources,
  'GET /cluster/nextid': nextId,
  'GET /nodes': listNodes,
  'GET /nodes/{node}/status': nodeStatus,
  'GET /nodes/{node}/network': nodeNetwork,
  'GET /nodes/{node}/qemu': listVms,
  'DELETE /nodes/{node}/qemu/{vmid}': destroyVm,
  'GET /nodes/{node}/qemu/{vmid}/config': getConfig,
  'POST /nodes/{node}/qemu/{vmid}/config': postConfig,
  'PUT /nodes/{node}/qemu/{vmid}/config': putConfig,
  'GET /nodes/{node}/qemu/{vmid}/status/current': currentStatus,
  'POST /nodes/{node}/qemu/{vmid}/status/start': startVm,
  'POST /nodes/{node}/qemu/{vmid}/status/shutdown': shutdownVm,
  'POST /nodes/{node}/qemu/{vmid}/status/stop': stopVm,
  'POST /nodes/{node}/qemu/{vmid}/status/suspend': suspendVm,
  'POST /nodes/{node}/qemu/{vmid}/clone': cloneVm,
  'PUT /nodes/{node}/qemu/{vmid}/resize': resizeDisk,
  'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces': agentInterfaces,
  'GET /nodes/{node}/storage': listStorage,
  'GET /nodes/{node}/storage/{storage}/status': storageStatus,
  'GET /nodes/{node}/storage/{storage}/content': storageContent,
  'DELETE /nodes/{node}/storage/{storage}/content/{volume}': deleteVolume,
  'POST /nodes/{node}/storage/{storage}/upload': uploadFile,
  'GET /nodes/{node}/tasks/{upid}/status': taskStatus,
  'GET /nodes/{node}/tasks/{upid}/log': taskLog,
};
