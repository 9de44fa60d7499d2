import { AppFailure, appError, type AppError, type ErrorCode } from '../../../../shared/errors';
import { child, moref, text, xsiType, type MoRef, type XmlNode } from './xml';

/** One vim25 call, for messages: `vc1`, `CloneVM_Task`, the object it was sent to. */
export interface VimCall {
  endpoint: string;
  method: string;
  object: MoRef;
}

/**
 * A `soapenv:Fault`: the fault type of its `detail` (`InvalidLogin`,
 * `NotAuthenticated`, `DuplicateName`, ...), vSphere's own `faultstring`
 * and the object the call was sent to, so a message says what failed and where.
 */
export class VimFault extends AppFailure {
  constructor(
    error: AppError,
    readonly call: VimCall,
    readonly faultType: string,
    readonly faultString: string,
  ) {
    super(error);
    this.name = 'VimFault';
  }
}

const codeByFault: Record<string, ErrorCode> = {
  InvalidLogin: 'auth',
  NotAuthenticated: 'auth',
  NoPermission: 'auth',
  DuplicateName: 'conflict',
  InvalidPowerState: 'conflict',
  TaskInProgress: 'conflict',
  CustomizationPending: 'conflict',
  ManagedObjectNotFound: 'not_found',
  InvalidArgument: 'invalid_request',
  InvalidRequest: 'invalid_request',
  NotSupported: 'unsupported',
  InsufficientResourcesFault: 'step_failed',
  OutOfDiskSpace: 'step_failed',
};

// vCenter's "someone else is working on this object" faults clear by themselves.
const transientFaults = new Set(['TaskInProgress', 'ConcurrentAccess', 'HostCommunication', 'RequestCanceled']);

/** The fault type of a `detail` element or a task's `info.error.fault`: its `xsi:type`, else the element's name less `Fault`. */
export function faultTypeOf(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return 'UnknownFault';
  const entries = Object.entries(detail as XmlNode).filter(([key]) => !key.startsWith('@_') && key !== '#text');
  const first = entries[0];
  const declared = xsiType(first?.[1]) ?? xsiType(detail);
  if (declared) return declared;
  return first ? (first[0].split(':').pop() as string).replace(/Fault$/, '') : 'UnknownFault';
}

/** The object a fault names, when it names one (`ManagedObjectNotFound.obj`). */
function faultObject(detail: unknown): MoRef | null {
  if (!detail || typeof detail !== 'object') return null;
  for (const value of Object.values(detail as XmlNode)) {
    const obj = moref(child(value, 'obj'));
    if (obj) return obj;
  }
  return null;
}

export function vimFault(call: VimCall, faultType: string, faultString: string, detail: unknown = null): VimFault {
  const named = faultObject(detail);
  const where = `${call.object.type} ${call.object.value}${named && named.value !== call.object.value ? ` (${named.type} ${named.value})` : ''}`;
  const said = faultString.trim() || faultType;
  return new VimFault(
    appError(codeByFault[faultType] ?? 'step_failed', `vCenter ${call.endpoint}: ${call.method} on ${where} failed: ${said} (${faultType}).`, {
      retryable: transientFaults.has(faultType),
    }),
    call,
    faultType,
    said,
  );
}

/** A `soapenv:Fault` element as a VimFault. */
export function faultFromEnvelope(fault: unknown, call: VimCall): VimFault {
  const detail = child(fault, 'detail');
  return vimFault(call, faultTypeOf(detail), text(child(fault, 'faultstring')) ?? '', detail);
}

export const isFaultOf = (error: unknown, ...types: string[]): error is VimFault => error instanceof VimFault && types.includes(error.faultType);
