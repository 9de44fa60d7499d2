import type { z } from 'zod';
import type { FaultList } from '../faultList';
import type { FisheyeCluster, Nic, Vm } from './cluster';
import { invalid } from './envelope';
import type { FisheyeFault } from './faults';
import type { ImageStore } from './images';
import type { JobBook } from './jobs';
import type { Sessions } from './sessions';

export interface FisheyeLatency {
  /** Before every API answer. */
  requestMs: number;
  /** A job's whole life, pending to done. */
  jobMs: number;
  /** From a VM's start until its guest agent reports Running. */
  guestAgentMs: number;
}

/** What the SMTX OS lab tells the rest of the SmartX lab (the SSH target), never the engine. */
export interface FisheyeHooks {
  /** A VM's primary NIC got an address (the update job is done). */
  addressConfigured(vm: Vm, nic: Nic): void;
  /** A VM was deleted (its machine is gone from the network). */
  vmDeleted(vm: Vm): void;
}

/** The simulator's state as handlers see it; reset() swaps cluster, images and jobs. */
export interface FisheyeContext {
  cluster: FisheyeCluster;
  images: ImageStore;
  jobs: JobBook;
  sessions: Sessions;
  faults: FaultList<FisheyeFault>;
  latency: FisheyeLatency;
  hooks: FisheyeHooks;
}

export interface ApiRequest {
  params: string[];
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

/** A request part checked against its schema; the 400 names the field as SMTX OS's validator does. */
export function checked<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : where;
  throw invalid(`${where}: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** The JSON body, or a 400 when it is not JSON. */
export function jsonBody(request: ApiRequest): unknown {
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString('utf8')) as unknown;
  } catch {
    throw invalid('request body is not valid JSON');
  }
}
