import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractHandlers } from '../../../shared/contract/api';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { frame, invokeFrame, opcodes, RawWebSocket } from './testing/rawWebSocket';
import { startWebHost, type WebHost } from './webHost';

/*
 * Frames written by hand at the web host, each from a client holding the
 * token. A protocol error closes that one socket with the RFC 6455 code;
 * a bystander connected throughout keeps getting answers, and new clients
 * can still connect.
 */

let engine: EngineService;
let host: WebHost;
let bystander: RawWebSocket;
let nextId = 1;
const root = mkdtempSync(join(tmpdir(), 'rp-fuzz-'));

beforeAll(async () => {
  engine = await createEngineService({ dataDir: join(root, 'data'), host: 'web', version: 'fuzz' });
  // A handler whose value JSON cannot encode (a BigInt, as SQLite can hand back): the reply must still be an error, not a crash.
  const handlers = { ...engine.handlers, 'trust:list': async () => [1n] } as unknown as ContractHandlers;
  const withUnencodableReply: EngineService = {
    handlers,
    onEvents: (listener) => engine.onEvents(listener),
    onPush: (listener) => engine.onPush(listener),
    hasActiveWork: () => engine.hasActiveWork(),
    close: () => engine.close(),
  };
  host = await startWebHost({ engine: withUnencodableReply, staticDir: join(root, 'static') });
  bystander = await RawWebSocket.open(host.port, host.token);
});

afterAll(async () => {
  bystander?.destroy();
  await host?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

async function answers(client: RawWebSocket): Promise<void> {
  expect(await client.invoke('app:info')).toMatchObject({ ok: true, value: { version: 'fuzz' } });
}

const oneMiB = 1024 * 1024;
const text = (payload: string | Buffer, options?: Parameters<typeof frame>[2]) => frame(opcodes.text, payload, options);
const closePayload = (code: number, reason: Buffer = Buffer.alloc(0)) => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return Buffer.concat([payload, reason]);
};

describe('web host socket under hostile frames', () => {
  it.each([
    { what: 'a text frame announcing more than 1 MiB', frames: [text('{"', { declaredLength: oneMiB + 1 })], code: 1009 },
    { what: 'a frame announcing more than 2^53 bytes', frames: [text('', { declaredLength: 2 ** 60 })], code: 1009 },
    {
      what: 'fragments adding up to more than 1 MiB',
      frames: [text(Buffer.alloc(oneMiB / 2 + 1, 0x20), { fin: false }), frame(opcodes.continuation, Buffer.alloc(oneMiB / 2 + 1, 0x20))],
      code: 1009,
    },
    { what: 'RSV1 without a negotiated extension', frames: [text('{}', { rsv: 0b100 })], code: 1002 },
    { what: 'RSV2', frames: [text('{}', { rsv: 0b010 })], code: 1002 },
    { what: 'RSV3', frames: [text('{}', { rsv: 0b001 })], code: 1002 },
    { what: 'RSV1 on a ping', frames: [frame(opcodes.ping, 'p', { rsv: 0b100 })], code: 1002 },
    { what: 'an unmasked client frame', frames: [text('{}', { mask: false })], code: 1002 },
    { what: 'a continuation with nothing to continue', frames: [frame(opcodes.continuation, '{}')], code: 1002 },
    { what: 'a new message inside a fragmented one', frames: [text('{', { fin: false }), text('}')], code: 1002 },
    { what: 'a fragmented ping', frames: [frame(opcodes.ping, 'p', { fin: false })], code: 1002 },
    { what: 'a ping over 125 bytes', frames: [frame(opcodes.ping, 'p'.repeat(126))], code: 1002 },
    { what: 'a reserved data opcode', frames: [frame(0x3, '{}')], code: 1002 },
    { what: 'a reserved control opcode', frames: [frame(0xb, '')], code: 1002 },
    { what: 'a close frame with code 999', frames: [frame(opcodes.close, closePayload(999))], code: 1002 },
    { what: 'a close frame of one byte', frames: [frame(opcodes.close, Buffer.from([3]))], code: 1002 },
    { what: 'invalid UTF-8 in a text frame', frames: [text(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))], code: 1007 },
    {
      what: 'invalid UTF-8 split across fragments',
      frames: [text(Buffer.from([0x22, 0xe2, 0x82]), { fin: false }), frame(opcodes.continuation, Buffer.from([0x28, 0x22]))],
      code: 1007,
    },
    { what: 'invalid UTF-8 in a close reason', frames: [frame(opcodes.close, closePayload(1000, Buffer.from([0xc3, 0x28])))], code: 1007 },
    // The contract is JSON text only (RFC 6455 7.4.1: 1003 for a type of data the endpoint cannot accept).
    { what: 'a binary frame', frames: [frame(opcodes.binary, Buffer.from('{"type":"invoke","id":1,"channel":"app:info"}'))], code: 1003 },
  ])('closes the socket that sends $what with $code, and only that one', async ({ frames, code }) => {
    const offender = await RawWebSocket.open(host.port, host.token);
    offender.send(...frames);
    expect((await offender.closed).code).toBe(code);
    await answers(bystander);
  });

  it('keeps a socket that half-sends a frame and then hangs up or resets from taking the host down', async () => {
    for (const hangUp of ['end', 'resetAndDestroy'] as const) {
      const offender = await RawWebSocket.open(host.port, host.token);
      offender.send(text('{"type":"invoke"', { declaredLength: 400 }));
      offender.socket[hangUp]();
      await offender.closed;
    }
    await answers(bystander);
  });

  it('reassembles fragmented text with pings in between and answers it', async () => {
    const client = await RawWebSocket.open(host.port, host.token);
    const id = nextId++;
    const message = JSON.stringify({ type: 'invoke', id, channel: 'app:info', payload: {} });
    client.send(
      text(message.slice(0, 10), { fin: false }),
      frame(opcodes.ping, 'a'),
      frame(opcodes.continuation, message.slice(10, 20), { fin: false }),
      frame(opcodes.ping, 'b'),
      frame(opcodes.continuation, message.slice(20)),
    );
    expect(await client.reply(id)).toMatchObject({ ok: true });
    expect(client.pongs).toBe(2);
    client.destroy();
  });

  it('ends a socket that floods pings faster than it takes the pongs', async () => {
    const offender = await RawWebSocket.open(host.port, host.token);
    offender.send(...Array.from({ length: 10_000 }, () => frame(opcodes.ping, 'flood')));
    // `ws` terminates after 60 unanswered automatic pongs (maxPendingAutoPongs): no close frame, just the end.
    expect(await offender.closed).toEqual({ code: null, reason: 'connection ended' });
    await answers(bystander);
  });

  it('answers every one of thousands of tiny requests sent at once', async () => {
    const client = await RawWebSocket.open(host.port, host.token);
    const ids = Array.from({ length: 3000 }, () => nextId++);
    client.send(...ids.map((id) => invokeFrame(id, 'app:info')));
    await client.until(() => (client.messages.length >= ids.length ? true : undefined));
    expect(new Set(client.messages.map((message) => message.id))).toEqual(new Set(ids));
    expect(client.messages.every((message) => message.reply.ok)).toBe(true);
    await answers(bystander);
    client.destroy();
  });

  it('drops thousands of messages that are not requests and still answers the next one', async () => {
    const client = await RawWebSocket.open(host.port, host.token);
    const junk = ['', 'x', '{}', '[]', 'null', '{"id":1.5}', '{"id":"1"}', '{"type":"invoke"}', '"\\u0000"'];
    client.send(...Array.from({ length: 5000 }, (_, index) => text(junk[index % junk.length]!)));
    await answers(client);
    expect(client.messages).toHaveLength(1);
    client.destroy();
  });

  it('answers malformed requests with typed errors and stays open', async () => {
    const client = await RawWebSocket.open(host.port, host.token);
    const [badPayload, notInvoke, unknownChannel, unencodable] = [nextId++, nextId++, nextId++, nextId++];
    client.send(
      invokeFrame(badPayload, 'run:get', { runId: 7 }),
      text(JSON.stringify({ type: 'subscribe', id: notInvoke })),
      invokeFrame(unknownChannel, 'shell:exec'),
      invokeFrame(unencodable, 'trust:list'),
    );
    expect(await client.reply(badPayload)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await client.reply(notInvoke)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await client.reply(unknownChannel)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await client.reply(unencodable)).toMatchObject({ ok: false, error: { code: 'internal' } });
    await answers(client);
    client.destroy();
  });

  it('survives garbage instead of an HTTP upgrade, and an upgrade reset halfway', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a])));
      socket.on('error', () => {});
      socket.on('close', () => resolve());
      socket.resume();
    });
    for (const path of [`/ws?token=${host.token}`, '/ws?token=wrong']) {
      await new Promise<void>((resolve) => {
        const socket = connect(host.port, '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`);
          socket.write('Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n', () => socket.resetAndDestroy());
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve());
      });
    }
    await answers(bystander);
  });

  it('still accepts new clients after all of that', async () => {
    const late = await RawWebSocket.open(host.port, host.token);
    await answers(late);
    await answers(bystander);
    late.destroy();
  });
});
