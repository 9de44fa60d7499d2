import { request } from 'node:https';

export interface TestReply {
  status: number;
  body: any;
}

/** A bare HTTPS client for the lab's tests: trusts the lab's certificate as its CA (no verification turned off). */
export function httpsJson(url: string, ca: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string | unknown } = {}): Promise<TestReply> {
  const raw = options.body === undefined ? undefined : Buffer.isBuffer(options.body) || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(raw !== undefined && !Buffer.isBuffer(options.body) && typeof options.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: the test sees the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** A multipart/form-data body with one part named `file`, as a browser or requests would send it. */
export function multipartFile(bytes: Buffer, boundary = `----rackpilot${Date.now()}`): { body: Buffer; contentType: string } {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chunk"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const waitUntil = async (check: () => Promise<boolean> | boolean, timeoutMs = 5000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
