import { defineTexts } from './types';

/** Rackpilot's own words about the workbook reader's engine-side errors, the Electron shell, the web host, the bridge, the CLI's password prompts and the lab controller. */
export const hostTexts = defineTexts({}, {}, {});
