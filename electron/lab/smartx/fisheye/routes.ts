import type { ApiRequest, FisheyeContext } from './context';
import { notFound } from './envelope';
import { createUploadVolume, deleteImage, listImages, uploadChunk } from './imageRoutes';
import { createVm, deleteVm, getJob, getVm, listVms, powerVm, updateVm } from './vmRoutes';

type Handler = (lab: FisheyeContext, request: ApiRequest) => Promise<unknown>;

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handler: Handler;
}

const id = '([A-Za-z0-9-]{1,64})';
const route = (method: Route['method'], path: string, handler: Handler): Route => ({ method, pattern: new RegExp(`^/api/v2${path.replace(/\{id\}/g, id)}$`), handler });

async function storagePolicies(lab: FisheyeContext) {
  return lab.cluster.policies.map((policy) => ({ ...policy }));
}

async function vdsList(lab: FisheyeContext) {
  return lab.cluster.vds.map((vds) => ({ ...vds }));
}

async function vlans(lab: FisheyeContext, request: ApiRequest) {
  const vds = lab.cluster.vds.find((candidate) => candidate.uuid === request.params[0]);
  if (!vds) throw notFound(`vds ${request.params[0]}`);
  return { entities: lab.cluster.vlans.filter((vlan) => vlan.vds_uuid === vds.uuid).map((vlan) => ({ ...vlan })) };
}

async function hosts(lab: FisheyeContext) {
  return lab.cluster.hosts.map((host) => {
    const used = lab.cluster.memoryUsed(host);
    return {
      host_uuid: host.uuid,
      hostname: host.name,
      cpu: { cores: host.cpuCores, usage_percent: host.cpuUsagePercent },
      memory: { total_bytes: host.memoryBytes, used_bytes: used, usage_percent: Math.round((used / host.memoryBytes) * 1000) / 10 },
    };
  });
}

/** Every v2 operation the lab answers; anything else is 404 ENOTFOUND. Each handler checks its own query and body. */
export const routes: readonly Route[] = [
  route('GET', '/storage_policies', storagePolicies),
  route('GET', '/network/vds', vdsList),
  route('GET', '/network/vds/{id}/vlans', vlans),
  route('GET', '/hosts', hosts),
  route('GET', '/images', listImages),
  route('POST', '/images/upload/volume', createUploadVolume),
  route('POST', '/images/upload', uploadChunk),
  route('DELETE', '/images/{id}', deleteImage),
  route('GET', '/vms', listVms),
  route('POST', '/vms', createVm),
  route('DELETE', '/vms/{id}', deleteVm),
  route('GET', '/vms/{id}', getVm),
  route('PUT', '/vms/{id}', updateVm),
  route('POST', '/vms/{id}/start', (lab, request) => powerVm(lab, request, 'start')),
  route('POST', '/vms/{id}/stop', (lab, request) => powerVm(lab, request, 'stop')),
  route('GET', '/jobs/{id}', getJob),
];

export function findRoute(method: string, path: string): { handler: Handler; params: string[] } | null {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) return { handler: candidate.handler, params: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return null;
}
