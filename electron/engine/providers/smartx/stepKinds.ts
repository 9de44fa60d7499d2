import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { whereOf, type Plan } from '../../../../shared/plan/model';
import type { StepContext, StepKind, StepPolicy } from '../../runner/types';
import { vmSshChain } from '../../scripts/sshTargets';
import { SshSessions, type HostKeyRequest, type HostKeyStore } from '../../ssh';
import type { Redactor } from '../../util/redactor';
import { attachArtifactKey, attachCluster, findCluster, type AttachArtifact } from './attach';
import { resolveKind, withFisheye, withTower, type ClientDeps } from './clients';
import { configureArtifactKey, configureTower } from './configure';
import { installerSucceeded, installTower } from './install';
import { findIsoFile } from './isoFile';
import { findSameImage, isoArtifactKey, removeUploadedIso, uploadIso } from './isoUpload';
import { towerOutput, outputArtifactKey } from './output';
import { prepareArtifactKey, prepareDeployment, type PrepareArtifact } from './prepare';
import { stageKinds, stageStepId, type Stage } from './steps';
import type { SmartxTimings } from './timings';
import { towerVmOf, type TowerInput } from './towerPlan';
import type { TowerShell } from './towerSsh';
import { deployTowerVm, removeTowerVm, vmArtifactKey } from './towerVm';
import { towerVmDone } from './towerVmAdoption';
import { verifyHttps } from './verify';

export interface SmartxDeps extends ClientDeps {
  plan: Plan;
  workbookDir: string;
  /** Host-key pins; without them (a host that gives none) the install steps fail with an internal error. */
  hostKeys?: HostKeyStore;
  redactor: Redactor;
  /** What an earlier stage of the same run recorded. */
  artifactOf(runId: string, stepId: string, key: string): unknown;
  timings: SmartxTimings;
}

type Ctx = StepContext<TowerInput>;

const once = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };
const twice = { maxAttempts: 2, baseDelayMs: 5000, maxDelayMs: 30_000, jitter: 0.2 };
const minutes = (n: number): number => n * 60_000;

function towerVm(deps: SmartxDeps, input: TowerInput) {
  const tower = deps.endpoint(input.tower);
  return towerVmOf(deps.plan, tower) ?? fail('plan_invalid', text('smartx.vm.planGone', { name: input.vmName }), { hint: text('smartx.vm.planGoneHint') });
}

/** The VM was made by this run, so nobody can have seen its host key before: trusted for the run only, never pinned. */
function newVmPrompt(addresses: ReadonlySet<string>) {
  return async (request: HostKeyRequest) => {
    if (addresses.has(request.host.toLowerCase())) return 'trust-once' as const;
    return 'reject' as const;
  };
}

function shellOf(deps: SmartxDeps, ctx: Ctx): TowerShell {
  const input = ctx.step.input;
  const vm = towerVm(deps, input);
  const chain = vmSshChain(deps.plan, vm, input.ip, deps.workbookDir);
  const store = deps.hostKeys ?? fail('internal', 'The CloudTower steps reach its VM over SSH, and this host gave them no host-key store.');
  const sessions = ctx.sessions.get('smartx-ssh', () => {
    const value = new SshSessions({ store, prompt: newVmPrompt(new Set([input.ip.toLowerCase()])), redactor: deps.redactor });
    return { value, close: () => value.close() };
  });
  return { session: sessions.get(chain), sudoPassword: vm.password, redactor: deps.redactor, signal: ctx.signal, log: ctx.log };
}

function earlier<T>(deps: SmartxDeps, ctx: Ctx, stage: Stage, key: string): T | undefined {
  return deps.artifactOf(ctx.runId, stageStepId(stage, ctx.step.input), key) as T | undefined;
}

function kind(name: string, policy: StepPolicy, parts: Omit<StepKind<TowerInput>, 'kind' | 'policy' | 'check'> & { check?: StepKind<TowerInput>['check'] }): StepKind {
  return { kind: name, policy, check: parts.check ?? (async () => false), run: parts.run, ...(parts.undo ? { undo: parts.undo } : {}) } as StepKind;
}

export function createSmartxStepKinds(deps: SmartxDeps): Record<string, StepKind> {
  const { timings } = deps;
  return {
    [stageKinds.prepare]: kind(stageKinds.prepare, { retry: twice, timeoutMs: minutes(10) }, {
      run: (ctx) =>
        withFisheye(deps, ctx.step.input.cluster, ctx, async ({ client }) => {
          const tower = deps.endpoint(ctx.step.input.tower);
          const done = await prepareDeployment({
            client, input: ctx.step.input, adminPassword: tower.password, adminPasswordCell: whereOf(tower, 'password'),
            workbookDir: deps.workbookDir, signal: ctx.signal, log: ctx.log, progress: ctx.progress,
          });
          ctx.artifacts.set(prepareArtifactKey, done);
        }),
    }),
    [stageKinds.iso]: kind(stageKinds.iso, {
      // The step retries chunks and recreates the volume itself; a runner retry would recreate it once more than the design allows.
      retry: once, timeoutMs: minutes(6 * 60), concurrencyKey: (step) => `smartx-upload:${(step.input as TowerInput).cluster}`, keyLimit: 1,
    }, {
      run: (ctx) =>
        withFisheye(deps, ctx.step.input.cluster, ctx, async ({ client }) => {
          const file = await findIsoFile(ctx.step.input, deps.workbookDir);
          await uploadIso({ client, file, artifacts: ctx.artifacts, signal: ctx.signal, log: ctx.log, progress: ctx.progress, chunkRetry: timings.chunkRetry });
        }),
      undo: (ctx) => withFisheye(deps, ctx.step.input.cluster, ctx, ({ client }) => removeUploadedIso(client, ctx.artifacts, ctx.signal, ctx.log)),
    }),
    [stageKinds.vm]: kind(stageKinds.vm, { retry: once, timeoutMs: minutes(120) }, {
      check: (ctx) => withFisheye(deps, ctx.step.input.cluster, ctx, ({ client }) => towerVmDone({ client, input: ctx.step.input, artifacts: ctx.artifacts, signal: ctx.signal, log: ctx.log })),
      run: (ctx) =>
        withFisheye(deps, ctx.step.input.cluster, ctx, async ({ client }) => {
          const file = await findIsoFile(ctx.step.input, deps.workbookDir);
          const image = await findSameImage(client, file, ctx.signal);
          if (!image) fail('step_failed', text('smartx.iso.notUploaded', { name: client.endpointName, file: file.name }), { retryable: false });
          await deployTowerVm({ client, input: ctx.step.input, isoPath: image.path, artifacts: ctx.artifacts, signal: ctx.signal, log: ctx.log, progress: ctx.progress, timings: timings.vm });
        }),
      undo: (ctx) => withFisheye(deps, ctx.step.input.cluster, ctx, ({ client }) => removeTowerVm(client, ctx.artifacts, ctx.signal, ctx.log, timings.vm.poll)),
    }),
    [stageKinds.install]: kind(stageKinds.install, { retry: once, timeoutMs: minutes(120) }, {
      check: async (ctx) => installerSucceeded(shellOf(deps, ctx)).catch(() => false),
      run: async (ctx) => {
        const { line } = await installTower({ ...shellOf(deps, ctx), progress: ctx.progress, timings: timings.install });
        ctx.artifacts.set('install', { finished: line.slice(0, 200) });
      },
    }),
    [stageKinds.verify]: kind(stageKinds.verify, { retry: once, timeoutMs: minutes(10) }, {
      run: async (ctx) => {
        const result = await verifyHttps(resolveKind(deps, ctx.step.input.tower, 'cloudtower'), deps.trust, deps.prompt, ctx.signal, ctx.log, timings.verify);
        ctx.artifacts.set('https', result);
      },
    }),
    [stageKinds.configure]: kind(stageKinds.configure, { retry: twice, timeoutMs: minutes(30) }, {
      run: (ctx) =>
        withTower(deps, ctx.step.input.tower, ctx, async ({ client, endpoint }) => {
          const done = await configureTower({
            tower: client, rootPassword: endpoint.password.reveal(), input: ctx.step.input, shell: shellOf(deps, ctx),
            signal: ctx.signal, log: ctx.log, progress: ctx.progress, taskPoll: timings.task,
          });
          ctx.artifacts.set(configureArtifactKey, done);
        }),
    }),
    [stageKinds.attach]: kind(stageKinds.attach, { retry: twice, timeoutMs: minutes(30) }, {
      check: (ctx) =>
        withTower(deps, ctx.step.input.tower, ctx, async ({ client }) => {
          const cluster = deps.endpoint(ctx.step.input.cluster);
          const found = await findCluster(client, cluster.address, ctx.signal).catch(() => null);
          if (found?.connect_state !== 'CONNECTED') return false;
          ctx.artifacts.set(attachArtifactKey, { clusterId: found.id, clusterName: found.name ?? null, clusterIp: cluster.address, connectState: 'CONNECTED', datacenterId: null } satisfies AttachArtifact);
          return true;
        }),
      run: (ctx) =>
        withTower(deps, ctx.step.input.tower, ctx, async ({ client }) => {
          const cluster = deps.endpoint(ctx.step.input.cluster);
          if (!cluster.username || !cluster.password || cluster.password.isEmpty) fail('plan_invalid', text('smartx.attach.noCredentials', { name: cluster.name }));
          const done = await attachCluster({
            tower: client, input: ctx.step.input, cluster: { ip: cluster.address, username: cluster.username, password: cluster.password.reveal() },
            signal: ctx.signal, log: ctx.log, progress: ctx.progress, poll: timings.task,
          });
          ctx.artifacts.set(attachArtifactKey, done);
        }),
    }),
    [stageKinds.output]: kind(stageKinds.output, { retry: once, timeoutMs: minutes(5) }, {
      run: async (ctx) => {
        const prepared = earlier<PrepareArtifact>(deps, ctx, 'prepare', prepareArtifactKey);
        const result = towerOutput(ctx.step.input, {
          iso: earlier(deps, ctx, 'iso', isoArtifactKey),
          vm: earlier(deps, ctx, 'vm', vmArtifactKey),
          verify: earlier(deps, ctx, 'verify', 'https'),
          configure: earlier(deps, ctx, 'configure', configureArtifactKey),
          attach: earlier(deps, ctx, 'attach', attachArtifactKey),
        }, prepared?.isoVersion ?? ctx.step.input.version);
        ctx.artifacts.set(outputArtifactKey, result);
        ctx.log('info', text('smartx.log.ready', {
          version: result.version ?? '', url: result.baseUrl, organisation: result.organisation, license: result.licenseType ?? text('smartx.unknown'), serial: result.licenseSerial ?? '',
        }));
        ctx.progress({ fraction: 1 });
      },
    }),
  };
}
