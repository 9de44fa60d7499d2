import { httpsJson, type TestReply } from '../testClient';
import type { CloudTowerLab } from './server';
import { checkResponse } from './spec';

/** CloudTower calls for the tests; every answer is also checked against the spec's response schema. */
export class TowerTestClient {
  token = '';

  constructor(private readonly lab: CloudTowerLab) {}

  async call(operation: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestReply> {
    const reply = await httpsJson(`${this.lab.endpoint.url}/v2/api/${operation}`, this.lab.certPem, { method: 'POST', body, headers: { ...(this.token ? { authorization: this.token } : {}), ...headers } });
    const verdict = checkResponse(`/${operation}`, reply.status === 401 ? 400 : reply.status, reply.body);
    if (!verdict.ok) throw new Error(`${operation} answered outside the spec (${reply.status}): ${verdict.message}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply;
  }

  async ok(operation: string, body?: unknown): Promise<any> {
    const reply = await this.call(operation, body);
    if (reply.status !== 200) throw new Error(`${operation}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async login(password: string): Promise<TestReply> {
    const reply = await this.call('login', { username: 'root', password, source: 'LOCAL' });
    if (reply.status === 200) this.token = reply.body.data.token;
    return reply;
  }

  /** Polls get-tasks until the task has ended. */
  async task(id: string): Promise<any> {
    for (;;) {
      const [task] = await this.ok('get-tasks', { where: { id } });
      if (task.status === 'SUCCESSED' || task.status === 'FAILED') return task;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
