import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Endpoint } from '../../../../shared/plan/model';
import type { TrustPrompt, TrustStore } from '../../net';
import type { StepContext } from '../../runner/types';
import { resolveSmartxEndpoint } from './endpoint';
import { FisheyeClient } from './fisheyeClient';
import { runTokenSession } from './tokenApi';
import { TowerClient } from './towerClient';
import type { ResolvedSmartxEndpoint } from './types';

export interface ClientDeps {
  endpoint(name: string): Endpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
}

export function resolveKind(deps: ClientDeps, name: string, kind: 'smartx' | 'cloudtower'): ResolvedSmartxEndpoint {
  const endpoint = deps.endpoint(name);
  if (endpoint.kind !== kind) fail('plan_invalid', text('smartx.noEndpoint', { platform: kind === 'smartx' ? 'SMTX OS' : 'CloudTower', name }));
  return resolveSmartxEndpoint(endpoint);
}

type Opened<C> = { client: C; endpoint: ResolvedSmartxEndpoint };

/** One client per attempt on the endpoint's shared login of the run, closed whatever happens. */
export async function withFisheye<T>(deps: ClientDeps, name: string, ctx: StepContext<unknown>, work: (opened: Opened<FisheyeClient>) => Promise<T>): Promise<T> {
  const endpoint = resolveKind(deps, name, 'smartx');
  const base = { endpoint, trust: deps.trust, ...(deps.prompt ? { prompt: deps.prompt } : {}) };
  const session = runTokenSession(ctx.sessions, `smartx:${endpoint.name}`, () => new FisheyeClient(base));
  const client = new FisheyeClient({ ...base, session });
  try {
    return await work({ client, endpoint });
  } finally {
    client.close();
  }
}

export async function withTower<T>(deps: ClientDeps, name: string, ctx: StepContext<unknown>, work: (opened: Opened<TowerClient>) => Promise<T>): Promise<T> {
  const endpoint = resolveKind(deps, name, 'cloudtower');
  const base = { endpoint, trust: deps.trust, ...(deps.prompt ? { prompt: deps.prompt } : {}) };
  const session = runTokenSession(ctx.sessions, `cloudtower:${endpoint.name}`, () => new TowerClient(base));
  const client = new TowerClient({ ...base, session });
  try {
    return await work({ client, endpoint });
  } finally {
    client.close();
  }
}
