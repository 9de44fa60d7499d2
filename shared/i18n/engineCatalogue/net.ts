import { defineTexts } from './types';

/** Rackpilot's own words about HTTP, TLS trust and transfers (streamed and chunked uploads, file hashes), and the run store. */
export const netTexts = defineTexts({}, {}, {});
