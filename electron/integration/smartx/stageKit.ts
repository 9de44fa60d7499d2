import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say, type TextRef } from '../../../shared/i18n/engineText';
import type { LogLevel, Progress } from '../../../shared/runModel';
import type { Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import { importPlan } from '../../engine/plan/importPlan';
import { createSmartxStepKinds, type SmartxDeps } from '../../engine/providers/smartx/stepKinds';
import { buildSmartxSteps } from '../../engine/providers/smartx/steps';
import { labTimings, type SmartxTimings } from '../../engine/providers/smartx/timings';
import type { StepContext, StepKind, StepSpec } from '../../engine/runner/types';
import { SlotRegistry } from '../../engine/runner/slotLimits';
import { Redactor } from '../../engine/util/redactor';
import type { LabEndpoint } from '../../lab';

/*
 * The SmartX step kinds driven one by one, as the runner would, against the
 * lab's simulators: each step gets its artifacts (kept per step id, so a
 * second attempt or a "resume" sees what the first recorded), a log and
 * the progress it reports. Secrets stay in the plan; the redactor knows them.
 */
export const samplePlanDir = new URL('../../../assets/sample-plan/', import.meta.url).pathname;

export interface StageRun {
  /** `ref`: the catalogue text of Rackpilot's own lines, so a test can say them in another language. */
  logs: Array<{ stepId: string; level: LogLevel; text: string; ref?: TextRef }>;
  progress: Array<{ stepId: string; progress: Progress }>;
}

export class StageKit {
  readonly artifacts = new Map<string, Map<string, unknown>>();
  readonly run: StageRun = { logs: [], progress: [] };
  readonly redactor = new Redactor();
  sessions = new EndpointSessions();
  steps: StepSpec[] = [];
  kinds: Record<string, StepKind> = {};

  private constructor(
    readonly plan: Plan,
    readonly dir: string,
  ) {}

  /** The sample workbook (copied with its ISO into a folder of its own), its endpoints pointed at the lab. */
  static async open(labs: { smartx: LabEndpoint; cloudtower?: LabEndpoint }, timings: Partial<SmartxTimings> = {}, extra: Partial<SmartxDeps> = {}): Promise<StageKit> {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-smartx-stages-'));
    cpSync(samplePlanDir, dir, { recursive: true });
    const plan = (await importPlan(join(dir, 'sample-smartx.xlsx'))).plan!;
    const kit = new StageKit(plan, dir);
    for (const endpoint of plan.endpoints) {
      const lab = endpoint.kind === 'smartx' ? labs.smartx : labs.cloudtower;
      if (!lab) continue;
      const url = new URL(lab.url);
      Object.assign(endpoint, { address: url.hostname, port: Number(url.port), username: lab.username, password: new Secret(lab.password), tlsFingerprint: lab.fingerprint });
    }
    for (const secret of [labs.smartx.password, labs.cloudtower?.password]) kit.redactor.add(secret);
    kit.steps = buildSmartxSteps(plan);
    const byName = new Map(plan.endpoints.map((endpoint) => [endpoint.name, endpoint]));
    kit.kinds = createSmartxStepKinds({
      endpoint: (name) => byName.get(name)!,
      trust: { findPins: () => [], addPin: () => undefined },
      plan,
      workbookDir: dir,
      redactor: kit.redactor,
      artifactOf: (_run, stepId, key) => kit.artifacts.get(stepId)?.get(key),
      timings: { ...labTimings, ...timings },
      ...extra,
    });
    return kit;
  }

  step(kind: string): StepSpec {
    return this.steps.find((step) => step.kind === kind)!;
  }

  context(step: StepSpec, signal: AbortSignal = new AbortController().signal, attempt = 1): StepContext {
    const store = this.artifacts.get(step.id) ?? new Map<string, unknown>();
    this.artifacts.set(step.id, store);
    return {
      runId: 'run-1',
      step,
      attempt,
      signal,
      log: (level, text) =>
        this.run.logs.push({ stepId: step.id, level, text: this.redactor.redact(typeof text === 'string' ? text : say('en', text)), ...(typeof text === 'string' ? {} : { ref: text }) }),
      progress: (progress) => this.run.progress.push({ stepId: step.id, progress }),
      artifacts: { get: <T>(key: string) => structuredClone(store.get(key)) as T | undefined, set: (key, value) => void store.set(key, structuredClone(value)) },
      slots: new SlotRegistry(),
      sessions: this.sessions,
    } as StepContext;
  }

  /** check() then run(), as the runner's first attempt does; answers whether check found it done. */
  async runStep(kind: string, signal?: AbortSignal): Promise<'adopted' | 'ran'> {
    const step = this.step(kind);
    const ctx = this.context(step, signal);
    const stepKind = this.kinds[kind]!;
    if (await stepKind.check(ctx)) return 'adopted';
    await stepKind.run(ctx);
    return 'ran';
  }

  logsOf(kind: string): string[] {
    const id = this.step(kind).id;
    return this.run.logs.filter((line) => line.stepId === id).map((line) => line.text);
  }

  close(): void {
    this.sessions.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
