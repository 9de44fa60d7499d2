import type { CellRef } from '../../../../shared/errors';
import type { Secret } from '../../../../shared/plan/secret';
import type { LogLevel } from '../../../../shared/runModel';
import type { SshChain } from '../../ssh';

/** An OpenStack endpoint of the plan, ready to log in to (see `resolveOpenStackEndpoint`). */
export interface ResolvedOpenStackEndpoint {
  name: string;
  /** Keystone v3 root as the plan names it: `http://10.0.0.1:5000/v3` (http or https from the Address cell). */
  authUrl: string;
  username: string;
  password: Secret;
  /** Project to scope the token to; its domain and the user's are `domain` (default `Default`). */
  project: string;
  domain: string;
  /** Null = the catalog's only region (or the first one naming each service). */
  region: string | null;
  /** Bastions first; empty = the APIs are reached directly. */
  jumpChain: SshChain;
  fingerprints: string[];
  /** Where a refused login sends the engineer: the Password (or User) cell. */
  cells: { credential?: CellRef; project?: CellRef; region?: CellRef; address?: CellRef };
}

export type StepLog = (level: LogLevel, text: string) => void;

/** The OpenStack services the provider calls, by catalog type. */
export type ServiceType = 'identity' | 'compute' | 'network' | 'image';
