import type { RunSource } from '../../../shared/contract/channels';
import { buildDemoGraph } from '../demo/demoPlan';
import { demoStepKind } from '../demo/demoStep';
import type { StepKind } from '../runner/types';
import { prepareWorkbookRun, type PreparedRun, type WorkbookRunDeps } from './workbookRuns';

const demoKinds: Record<string, StepKind> = { [demoStepKind.kind]: demoStepKind as StepKind };

/** The graph and the step kinds for a source; a resumed run gets its kinds from here again. */
export async function prepareRun(source: RunSource, deps: WorkbookRunDeps): Promise<PreparedRun> {
  switch (source.kind) {
    case 'demo':
      return { ...buildDemoGraph(source), kinds: demoKinds };
    case 'workbook':
      return prepareWorkbookRun(source, deps);
  }
}
