export { buildScriptSteps, scriptKind, scriptStepId, scriptsOf, type ScriptStepInput } from './scriptSteps';
export { scriptStepKind, type ScriptRunDeps } from './scriptStepKind';
export { jumpChainOf, pointSshAtLab, sshLabPreparation, type LabSshTarget } from './sshTargets';
