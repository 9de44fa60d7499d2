import type { ContractHandlers } from '../../../shared/contract/api';
import { AppFailure, toAppError } from '../../../shared/errors';
import { redactDeep, type TextRedactor } from '../util/redactor';

/**
 * The handlers with every error they throw redacted on its way out of the
 * engine (a failed login or preflight may quote what it sent). Their values
 * need no pass: run data comes from the store, which redacts on write, and
 * plans carry their secrets as Secret, which serialises as the marker.
 */
export function redactingHandlers(redactor: TextRedactor, handlers: ContractHandlers): ContractHandlers {
  const wrapped: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (request: unknown) => unknown][]) {
    wrapped[channel] = async (request) => {
      try {
        return await handler(request);
      } catch (cause) {
        throw new AppFailure(redactDeep(toAppError(cause), redactor));
      }
    };
  }
  return wrapped as ContractHandlers;
}
