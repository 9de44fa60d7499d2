import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAnswering, probeTcp } from './tcpProbe';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(): Promise<number> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A port that was free a moment ago: bound, then released. */
async function closedPort(): Promise<number> {
  const port = await listen();
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

describe('probeTcp', () => {
  it('reports a listener as open', async () => {
    const outcome = await probeTcp('127.0.0.1', await listen(), 2000);
    expect(outcome).toEqual({ state: 'open' });
    expect(isAnswering(outcome)).toBe(true);
  });

  it('reports a refused port as closed, and a refusing host as answering', async () => {
    const outcome = await probeTcp('127.0.0.1', await closedPort(), 2000);
    expect(outcome).toMatchObject({ state: 'closed', code: 'ECONNREFUSED' });
    expect(isAnswering(outcome)).toBe(true);
  });

  it('does not connect once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await probeTcp('127.0.0.1', await listen(), 2000, controller.signal);
    expect(outcome).toMatchObject({ state: 'closed', code: 'ABORTED' });
    expect(isAnswering(outcome)).toBe(false);
  });

  it('counts silence as not answering', () => {
    expect(isAnswering({ state: 'closed', code: 'ETIMEDOUT', message: 'No answer.' })).toBe(false);
    expect(isAnswering({ state: 'closed', code: 'EHOSTUNREACH', message: 'No route.' })).toBe(false);
  });
});
