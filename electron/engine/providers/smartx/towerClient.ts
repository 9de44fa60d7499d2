import { AppFailure, appError } from '../../../../shared/errors';
import { say, text, type TextRef } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { HttpFailure } from '../../net/httpErrors';
import { LoginRefused } from '../../net/endpointSessions';
import { TokenApi } from './tokenApi';
import { retitled } from './words';

/** CloudTower's error body (`ErrorBody` of the OpenAPI spec). */
function errorBodyMessage(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const message = (data as { message?: unknown }).message;
  const code = (data as { code?: unknown }).code;
  if (typeof message !== 'string' || message === '') return null;
  return typeof code === 'string' && code ? `${message} (${code})` : message;
}

export interface TowerTask {
  id: string;
  status: string;
  progress?: number;
  error_message?: string | null;
}

/**
 * CloudTower's REST API (`https://HOST/v2/api`): every operation is a POST
 * to a kebab-case path with a JSON body; `POST /login` gives the token,
 * sent raw as `Authorization`. Mutations answer `[{task_id, data}]`, and a
 * task is polled with `/get-tasks {where: {id}}`.
 */
export class TowerClient extends TokenApi {
  async login(signal: AbortSignal): Promise<string> {
    const { endpoint } = this.options;
    let body: unknown;
    try {
      body = await this.send(
        { method: 'POST', url: '/v2/api/login', data: () => ({ body: { username: endpoint.username, password: endpoint.password.reveal(), source: 'LOCAL' } }) },
        signal,
        false,
      );
    } catch (error) {
      if (error instanceof HttpFailure && error.status !== undefined && error.status >= 400 && error.status < 500) {
        throw new LoginRefused(
          appError('auth', text('smartx.tower.refused', { name: this.endpointName, user: endpoint.username, said: this.redact(errorBodyMessage(error.data) ?? `HTTP ${error.status}`) }), {
            hint: endpoint.credentialCell ? text('smartx.tower.refusedHintCell', { cell: `${endpoint.credentialCell.sheet}!${endpoint.credentialCell.cell}` }) : text('smartx.tower.refusedHint'),
            retryable: false,
            ...(endpoint.credentialCell ? { cell: endpoint.credentialCell } : {}),
          }),
        );
      }
      throw error;
    }
    const token = (body as { data?: { token?: unknown } } | null)?.data?.token;
    if (typeof token !== 'string' || token === '') {
      throw new AppFailure(appError('auth', text('smartx.tower.noToken', { name: this.endpointName }), { retryable: false }));
    }
    this.redactor.add(token);
    return token;
  }

  protected authHeaders(token: string): Record<string, string> {
    return { Authorization: token };
  }

  /** `POST /v2/api/<operation>`; answers the body as CloudTower sends it. `withToken: false` for the first-run calls. */
  async call<T>(operation: string, body: unknown, signal: AbortSignal, options: { withToken?: boolean } = {}): Promise<T> {
    try {
      return (await this.send({ method: 'POST', url: `/v2/api/${operation}`, data: () => ({ body: body ?? {} }) }, signal, options.withToken ?? true)) as T;
    } catch (error) {
      const said = error instanceof HttpFailure ? errorBodyMessage(error.data) : null;
      if (error instanceof HttpFailure && said) {
        throw new HttpFailure(retitled(error.appError, text('smartx.tower.callFailed', { name: this.endpointName, operation, said: this.redact(said) })), error.request, error.status, error.data);
      }
      throw error;
    }
  }

  /** Polls `/get-tasks` until the task succeeds; FAILED (or its deadline) is an error naming the task's own message. */
  async waitTask(taskId: string, what: TextRef, signal: AbortSignal, options: { intervalMs?: number; timeoutMs?: number; onProgress?: (fraction: number) => void } = {}): Promise<TowerTask> {
    const interval = options.intervalMs ?? 1000;
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    for (;;) {
      const tasks = await this.call<TowerTask[]>('get-tasks', { where: { id: taskId } }, signal);
      const task = Array.isArray(tasks) ? tasks.find((entry) => entry.id === taskId) : undefined;
      if (task?.status === 'SUCCESSED') return task;
      if (task?.status === 'FAILED') {
        throw new AppFailure(appError('step_failed', text('smartx.tower.taskFailed', { name: this.endpointName, what, said: task.error_message ? this.redact(task.error_message) : text('smartx.noMessage') }), { retryable: false }));
      }
      if (typeof task?.progress === 'number') options.onProgress?.(Math.max(0, Math.min(1, task.progress > 1 ? task.progress / 100 : task.progress)));
      if (Date.now() > deadline) throw new AppFailure(appError('timeout', text('smartx.tower.taskTimeout', { name: this.endpointName, what, task: taskId })));
      await sleep(interval, signal, say('en', what));
    }
  }
}
