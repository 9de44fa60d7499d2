import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth';
import type { LabContext } from '../context';
import type { MethodSchema } from '../schema/types';
import type { ParamValue } from '../schema/validate';

export type Params = Record<string, ParamValue>;

export interface HandlerInput {
  lab: LabContext;
  params: Params;
  principal: Principal;
}

export interface StreamInput {
  lab: LabContext;
  /** Path and query parameters (path wins); the body is the handler's to read. */
  params: Record<string, string>;
  /** The query string alone. */
  query: Record<string, string>;
  principal: Principal;
  req: IncomingMessage;
  /** The method's schema, for validating once the body has been read. */
  schema: MethodSchema;
}

export type HandlerDef =
  | { kind: 'params'; handle: (input: HandlerInput) => unknown }
  | { kind: 'stream'; handle: (input: StreamInput) => Promise<unknown> };

export const params = (handle: (input: HandlerInput) => unknown): HandlerDef => ({ kind: 'params', handle });
export const stream = (handle: (input: StreamInput) => Promise<unknown>): HandlerDef => ({ kind: 'stream', handle });

/** Data plus PVE's result attributes (`total` next to `data`). */
export class WithAttributes {
  constructor(
    readonly data: unknown,
    readonly attributes: Record<string, unknown>,
  ) {}
}

export const text = (params: Params, key: string): string | undefined => (params[key] === undefined ? undefined : String(params[key]));
export const num = (params: Params, key: string): number | undefined => (params[key] === undefined ? undefined : Number(params[key]));
export const flag = (params: Params, key: string): boolean | undefined => (params[key] === undefined ? undefined : params[key] === true);

/** Validated path parameters are always present. */
export const nodeOf = (params: Params) => String(params.node);
export const vmidOf = (params: Params) => Number(params.vmid);

/** Tasks started with an API token carry the token id as their user. */
export const taskUser = (principal: Principal) => principal.tokenid ?? principal.userid;
