import { AppFailure, appError, type AppError, type ErrorCode } from '../../../../shared/errors';
import { say, text as catalogueText, type TextParam, type TextRef } from '../../../../shared/i18n/engineText';
import { child, moref, text, xsiType, type MoRef, type XmlNode } from './xml';

/** One vim25 call, for messages: `vc1`, `CloneVM_Task`, the object it was sent to. */
export interface VimCall {
  endpoint: string;
  method: string;
  object: MoRef;
  /** What a task did, in the reader's words (`the clone of tpl to web-01`), said instead of the method. */
  action?: TextRef;
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

/** `faultString` is vCenter's words, kept as they are; Rackpilot's own words (a malformed answer) come as text. */
export function vimFault(call: VimCall, faultType: string, faultString: string | TextRef, detail: unknown = null): VimFault {
  const named = faultObject(detail);
  const where = `${call.object.type} ${call.object.value}${named && named.value !== call.object.value ? ` (${named.type} ${named.value})` : ''}`;
  const said: TextParam = typeof faultString === 'string' ? faultString.trim() || faultType : faultString;
  return new VimFault(
    appError(codeByFault[faultType] ?? 'step_failed', catalogueText('vsphere.fault', { endpoint: call.endpoint, method: call.action ?? call.method, where, said, fault: faultType }), {
      retryable: transientFaults.has(faultType),
    }),
    call,
    faultType,
    typeof said === 'string' ? said : say('en', said),
  );
}

/** A `soapenv:Fault` element as a VimFault. */
export function faultFromEnvelope(fault: unknown, call: VimCall): VimFault {
  const detail = child(fault, 'detail');
  return vimFault(call, faultTypeOf(detail), text(child(fault, 'faultstring')) ?? '', detail);
}

export const isFaultOf = (error: unknown, ...types: string[]): error is VimFault => error instanceof VimFault && types.includes(error.faultType);
