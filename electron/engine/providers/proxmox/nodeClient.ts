import { AppFailure } from '../../../../shared/errors';
import type { ProxmoxClient } from './client';
import type { ResolvedEndpoint } from './types';

interface ClusterMember {
  type: string;
  name: string;
  ip?: string;
  local?: boolean | number;
}

export interface NodeConnection {
  client: ProxmoxClient;
  /** Closes the client when it was opened for this node (not the endpoint's own). */
  release(): void;
}

/**
 * pveproxy does not forward uploads to other nodes, so an ISO for node X is
 * sent to X's own address. The cluster tells the address (`/cluster/status`)
 * and X's certificate fingerprint (`/nodes`), both read over the endpoint's
 * already trusted connection; the new connection is pinned to that
 * fingerprint. When the endpoint is X itself, or the cluster does not say
 * (a single node, an API without `/cluster/status`), the endpoint is used.
 */
export async function connectToNode(
  base: ProxmoxClient,
  endpoint: ResolvedEndpoint,
  node: string,
  open: (endpoint: ResolvedEndpoint) => ProxmoxClient,
  signal: AbortSignal,
): Promise<NodeConnection> {
  const same: NodeConnection = { client: base, release: () => undefined };
  let members: ClusterMember[];
  try {
    members = await base.get<ClusterMember[]>('/cluster/status', signal);
  } catch (error) {
    if (error instanceof AppFailure && ['unsupported', 'not_found', 'auth'].includes(error.appError.code) && !signal.aborted) return same;
    throw error;
  }
  const member = (Array.isArray(members) ? members : []).find((entry) => entry.type === 'node' && entry.name === node);
  if (!member?.ip || member.local === true || member.local === 1) return same;
  const nodes = await base.get<{ node: string; ssl_fingerprint?: string }[]>('/nodes', signal);
  const fingerprint = (Array.isArray(nodes) ? nodes : []).find((entry) => entry.node === node)?.ssl_fingerprint;
  const url = new URL(endpoint.url);
  url.hostname = member.ip.includes(':') ? `[${member.ip}]` : member.ip;
  const client = open({ ...endpoint, name: `${endpoint.name}/${node}`, url: url.origin, fingerprints: fingerprint ? [fingerprint] : [] });
  return { client, release: () => client.close() };
}
