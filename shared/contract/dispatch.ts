import { appError, toAppError } from '../errors';
import { failed, ok, type Reply } from '../reply';
import type { ContractHandlers } from './api';
import { channels, isChannelName } from './channels';
import { channelsCarryingSecrets } from './secretChannels';

/**
 * The single entry point both hosts use: checks the channel, parses the
 * payload, calls the handler, and turns anything thrown into an AppError.
 * A payload that does not parse never reaches the handler.
 */
export async function dispatch(handlers: ContractHandlers, channel: unknown, payload: unknown): Promise<Reply<unknown>> {
  if (!isChannelName(channel)) {
    return failed(appError('unknown_channel', `There is no channel named "${String(channel).slice(0, 100)}".`));
  }
  const parsed = channels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const quotesPayload = !channelsCarryingSecrets.has(channel);
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(payload)'}: ${quotesPayload ? issue.message : issue.code}`)
      .join('; ');
    return failed(appError('invalid_request', `The request for ${channel} is malformed.`, { detail: issues }));
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (cause) {
    return failed(toAppError(cause));
  }
}
