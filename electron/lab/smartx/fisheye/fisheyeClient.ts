import { httpsJson, multipartFile, type TestReply } from '../testClient';
import type { FisheyeLab } from './server';

/** The SMTX OS calls the tests make, logged in with the lab's account. */
export class FisheyeTestClient {
  token = '';

  constructor(private readonly lab: FisheyeLab) {}

  async login(password = this.lab.endpoint.password): Promise<TestReply> {
    const reply = await httpsJson(`${this.lab.endpoint.url}/api/v3/sessions`, this.lab.certPem, { method: 'POST', body: { username: this.lab.endpoint.username, password } });
    if (reply.status === 200) this.token = reply.body.token;
    return reply;
  }

  call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestReply> {
    return httpsJson(`${this.lab.endpoint.url}/api/v2${path}`, this.lab.certPem, { method, body, headers: { 'x-smartx-token': this.token, ...headers } });
  }

  /** data of an EOK answer; throws with the answer otherwise. */
  async data(method: string, path: string, body?: unknown): Promise<any> {
    const reply = await this.call(method, path, body);
    if (reply.status !== 200 || reply.body?.ec !== 'EOK') throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.data;
  }

  uploadChunk(image: { image_uuid: string; zbs_volume_id: string }, chunkNum: number, bytes: Buffer): Promise<TestReply> {
    const { body, contentType } = multipartFile(bytes);
    const query = new URLSearchParams({ zbs_volume_id: image.zbs_volume_id, chunk_num: String(chunkNum), image_uuid: image.image_uuid });
    return this.call('POST', `/images/upload?${query}`, body, { 'content-type': contentType });
  }

  /** Polls a job until it is done or failed. */
  async job(jobId: string): Promise<any> {
    for (;;) {
      const { job } = await this.data('GET', `/jobs/${jobId}`);
      if (job.state === 'done' || job.state === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
