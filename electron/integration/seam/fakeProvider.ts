import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Endpoint } from '../../../shared/plan/model';
import { check } from '../../engine/preflight/types';
import { describeStepResult } from '../../engine/providers/results';
import type { Provider } from '../../engine/providers/types';
import type { StepKind, StepSpec } from '../../engine/runner/types';

export const fakeServerKind = 'fake.server.create';

interface ServerInput {
  endpoint: string;
  name: string;
}

/** One call to the fake cloud, over TLS pinned to the fingerprint the plan (or the lab) gives. */
function call<T>(endpoint: Endpoint, method: string, path: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const auth = `Basic ${Buffer.from(`${endpoint.username}:${endpoint.password?.reveal() ?? ''}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: endpoint.address, port: endpoint.port, path, method, agent: false, rejectUnauthorized: false, headers: { authorization: auth, 'content-type': 'application/json' } },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerCertificate();
        if (peer.fingerprint256 !== endpoint.tlsFingerprint) return reject(new Error(`${endpoint.name} presented another certificate`));
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve((text ? JSON.parse(text) : null) as T) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A provider as small as the seam allows: one step per VM that creates a server of the same name. */
export function fakeCloudProvider(kind: string): Provider {
  return {
    kinds: [kind],
    title: 'Fake cloud',
    stepKindNames: [fakeServerKind],
    buildSteps: (plan) => {
      const mine = new Set(plan.endpoints.filter((endpoint) => endpoint.kind === kind).map((endpoint) => endpoint.name));
      return plan.vms
        .filter((vm) => mine.has(vm.endpoint))
        .map((vm): StepSpec => ({ id: `vm.create:${vm.name}`, kind: fakeServerKind, title: `Create server ${vm.name}`, target: vm.name, deps: [], input: { endpoint: vm.endpoint, name: vm.name } satisfies ServerInput }));
    },
    stepKinds: (deps) => {
      const servers = (input: ServerInput) => call<Array<{ id: string; name: string }>>(deps.endpoint(input.endpoint), 'GET', '/servers');
      const create: StepKind<ServerInput> = {
        kind: fakeServerKind,
        policy: { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 }, timeoutMs: 30_000, concurrencyKey: (step) => `fake:${(step.input as ServerInput).endpoint}`, keyLimit: 2 },
        check: async (ctx) => (await servers(ctx.step.input)).some((server) => server.name === ctx.step.input.name),
        run: async (ctx) => {
          const created = await call<{ id: string }>(deps.endpoint(ctx.step.input.endpoint), 'POST', '/servers', { name: ctx.step.input.name });
          ctx.artifacts.set('server', { serverId: created.id });
        },
        undo: async (ctx) => {
          const saved = ctx.artifacts.get<{ serverId: string }>('server');
          if (saved) await call(deps.endpoint(ctx.step.input.endpoint), 'DELETE', `/servers/${saved.serverId}`);
        },
      };
      return { [fakeServerKind]: create as StepKind };
    },
    preflight: async ({ endpoint }) => {
      try {
        const version = (await call<{ version: string }>(endpoint, 'GET', '/version')).version;
        const rest = (['capacity', 'templates', 'storages'] as const).map((id) => check(id, 'ok', 'Nothing to check on a fake cloud.'));
        return { checks: [check('login', 'ok', `Logged in as ${endpoint.username}.`), check('version', 'ok', `Fake cloud ${version}.`), ...rest], version, nodes: [] };
      } catch (cause) {
        const skipped = (['version', 'capacity', 'templates', 'storages'] as const).map((id) => check(id, 'skipped', 'Not checked: the login failed.'));
        return { checks: [check('login', 'blocker', String(cause)), ...skipped], version: null, nodes: [] };
      }
    },
    inventoryOf: (step) => (step.kind === fakeServerKind ? { vm: (step.input as ServerInput).name } : {}),
    labPreparation: (plan) => ({ networks: plan.networks.map((network) => network.name) }),
    resultOf: (step, artifacts) => describeStepResult(step, artifacts),
    createdResources: (step, artifacts) => {
      const saved = artifacts.find((artifact) => artifact.key === 'server')?.value as { serverId: string } | undefined;
      const input = step.input as ServerInput;
      return saved ? [{ stepId: step.id, endpoint: input.endpoint, kind: 'vm', id: saved.serverId, name: input.name, node: null }] : [];
    },
  };
}
