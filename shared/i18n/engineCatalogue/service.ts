import { defineTexts } from './types';

/** Rackpilot's own words about the engine service, the runner, the registry and the contract's dispatcher. */
export const serviceTexts = defineTexts({}, {}, {});
