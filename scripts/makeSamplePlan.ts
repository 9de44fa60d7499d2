/*
 * Regenerates assets/sample-plan/ (the ISO, the workbook in en, zh, es, the vCenter and OpenStack samples)
 * from electron/engine/plan/template/samplePlanData.ts. Deterministic: run
 * it after changing the data or the v1 columns and commit the result.
 *   npx tsx scripts/makeSamplePlan.ts [OUT_DIR]
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSamplePlan } from '../electron/engine/plan/template/samplePlan';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = resolve(process.argv[2] ?? resolve(root, 'assets/sample-plan'));
const written = await writeSamplePlan(outDir);
for (const path of written) console.log(`wrote ${relative(process.cwd(), path) || path}`);
