import type { CellRef } from '../../../../shared/errors';
import type { LogLevel } from '../../../../shared/runModel';
import type { LogWords } from '../../runner/types';
import type { Secret } from '../../../../shared/plan/secret';

/** An SMTX OS cluster (fisheye API) or a CloudTower, as the provider connects to it. */
export interface ResolvedSmartxEndpoint {
  name: string;
  /** `https://host:port`, no path. */
  url: string;
  username: string;
  password: Secret;
  fingerprints: string[];
  credentialCell?: CellRef;
}

/** A log line: catalogue text for Rackpilot's own words, a string for what a platform or a program printed. */
export type StepLog = (level: LogLevel, text: LogWords) => void;

/** SMTX OS job states (`/api/v2/jobs/{id}` -> `data.job.state`). */
export const jobStates = ['pending', 'processing', 'done', 'failed'] as const;

/** CloudTower task states (`/get-tasks` -> `status`). */
export const towerTaskStates = ['PENDING', 'EXECUTING', 'SUCCESSED', 'FAILED', 'PAUSED'] as const;
