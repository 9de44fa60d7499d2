import type { Finding } from '../../../../shared/plan/findings';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { Plan } from '../../../../shared/plan/model';
import { checkAddresses, checkNetworks } from './addresses';
import { ValidationContext } from './context';
import { checkDeployable } from './deployable';
import { checkImageFiles, type ImageCheckOptions } from './images';
import { checkNames } from './names';
import { checkProviderKinds } from './providers';
import { checkJumpChains, checkReferences } from './references';
import { checkSecrets } from './secrets';
import { checkValues } from './values';
import { checkVmids } from './vmids';
import { checkCustomization } from './customization';
import { checkOpenstackRefs } from './openstackRefs';
import { checkSlices } from './slices';

export { ValidationContext } from './context';
export { resolvePlanFile, sha256File, type ImageCheckOptions } from './images';
export { vmidRangeFor, vmidRanges } from './vmids';

/**
 * Every check that needs only the plan: names, values and ranges, subnets
 * and addresses, references between sheets, jump host chains, VMIDs,
 * credentials; with `providerKinds` (the engine's registry), endpoints no
 * provider of this build serves; whether anything can be deployed at all.
 * Pure; findings in `lang`.
 */
export function validatePlan(plan: Plan, lang: Lang = 'en', options: { providerKinds?: readonly string[] } = {}): Finding[] {
  const context = new ValidationContext(lang);
  checkNames(plan, context);
  checkValues(plan, context);
  const networks = checkNetworks(plan, context);
  checkAddresses(plan, networks, context);
  checkReferences(plan, context);
  checkJumpChains(plan, context);
  checkVmids(plan, context);
  checkCustomization(plan, context);
  checkOpenstackRefs(plan, context);
  checkSlices(plan, context);
  checkSecrets(plan, context);
  if (options.providerKinds) checkProviderKinds(plan, context, options.providerKinds);
  checkDeployable(plan, context, options.providerKinds);
  return context.findings;
}

/** The checks that read files next to the workbook (image presence and SHA-256). */
export async function validatePlanFiles(plan: Plan, lang: Lang = 'en', options: ImageCheckOptions = {}): Promise<Finding[]> {
  const context = new ValidationContext(lang);
  await checkImageFiles(plan, context, options);
  return context.findings;
}
