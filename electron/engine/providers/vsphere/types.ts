import type { CellRef } from '../../../../shared/errors';
import type { Secret } from '../../../../shared/plan/secret';
import type { LogLevel } from '../../../../shared/runModel';
import type { LogWords } from '../../runner/types';

/** A vCenter endpoint of the plan, ready to connect to (see `resolveVsphereEndpoint`). */
export interface ResolvedVsphereEndpoint {
  name: string;
  /** `https://vc1.example.com:443`, without `/sdk`. */
  url: string;
  username: string;
  password: Secret;
  /** The workbook's certificate fingerprint: SHA-256, or the SHA-1 thumbprint vCenter shows. */
  fingerprints: string[];
  credentialCell?: CellRef;
  /** The datacenter the plan deploys into; null = the only one. */
  datacenter: string | null;
  /** The cluster VMs go to when they name none; null = the only one. */
  cluster: string | null;
}

/** What the session keeps: the `vmware_soap_session` cookie the login set. */
export interface VimCookie {
  cookie: string;
}

/** Where a step's log lines go (the step's `ctx.log`): catalogue text for Rackpilot's words, a string for what vCenter said. */
export type StepLog = (level: LogLevel, text: LogWords) => void;
