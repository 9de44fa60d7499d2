import type { Plan } from '../../../../shared/plan/model';
import { isLabEnvironment } from '../../../../shared/runModel';
import { Redactor } from '../../util/redactor';
import { bookkeepingFields, describeStepResult } from '../results';
import type { Provider } from '../types';
import { smartxCreatedResources } from './createdResources';
import { smartxLabPreparation } from './labPreparation';
import { smartxChecks } from './preflight';
import { createSmartxStepKinds } from './stepKinds';
import { buildSmartxSteps, stageKinds } from './steps';
import { labTimings, siteTimings } from './timings';
import { towerInputs, type TowerInput } from './towerPlan';

/** Resume bookkeeping, not something an engineer looks up. */
const hidden = new Set([...bookkeepingFields, 'round', 'attempt', 'jobId', 'chunkSize', 'zbsVolumeId', 'uploadedChunks']);

/** SmartX: CloudTower deployed onto an SMTX OS cluster, then the cluster connected to it. */
export const smartxProvider: Provider = {
  kinds: ['smartx', 'cloudtower'],
  title: 'SmartX',
  stepKindNames: Object.values(stageKinds),
  buildSteps: buildSmartxSteps,
  stepKinds: (deps) =>
    createSmartxStepKinds({
      endpoint: deps.endpoint,
      trust: deps.trust,
      ...(deps.prompt ? { prompt: deps.prompt } : {}),
      plan: deps.plan,
      workbookDir: deps.workbookDir,
      ...(deps.hostKeys ? { hostKeys: deps.hostKeys } : {}),
      redactor: deps.redactor ?? new Redactor(),
      artifactOf: deps.artifactOf ?? (() => undefined),
      timings: isLabEnvironment(deps.environment) ? labTimings : siteTimings,
    }),
  preflight: smartxChecks,
  inventoryOf: (step) => {
    const input = step.input as TowerInput;
    if (step.kind === stageKinds.vm) return { vm: input.vmName };
    if (step.kind === stageKinds.iso) return input.isoFile ? { uploadFile: input.isoFile } : {};
    return {};
  },
  labPreparation: smartxLabPreparation,
  usesSsh: (plan: Plan) => towerInputs(plan).length > 0,
  installsEndpoint: (endpoint, plan) => endpoint.kind === 'cloudtower' && towerInputs(plan).some((input) => input.tower === endpoint.name),
  resultOf: (step, artifacts) => describeStepResult(step, artifacts, hidden),
  createdResources: smartxCreatedResources,
};
