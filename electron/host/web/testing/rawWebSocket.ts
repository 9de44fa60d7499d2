import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/*
 * A WebSocket client written by hand on a TCP socket, so tests can send what
 * no well-behaved library would: wrong lengths, reserved bits, unmasked or
 * half-sent frames. It reads the server's frames (never masked, never
 * fragmented by `ws`) and collects replies, pongs and the close frame.
 */

export const opcodes = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface FrameOptions {
  /** Default true. */
  fin?: boolean;
  /** RSV1 = 0b100, RSV2 = 0b010, RSV3 = 0b001. */
  rsv?: number;
  /** Client frames must be masked (RFC 6455 5.1); default true. */
  mask?: boolean;
  /** A length other than the payload's, to announce more than is sent. */
  declaredLength?: number;
}

export function frame(opcode: number, payload: Buffer | string = Buffer.alloc(0), options: FrameOptions = {}): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const length = options.declaredLength ?? body.length;
  const mask = options.mask ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(length, 2);
    header[1] = 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = 127;
  }
  header[0] = first;
  if (!mask) return Buffer.concat([header, body]);
  header[1]! |= 0x80;
  const key = randomBytes(4);
  const masked = Buffer.from(body.map((byte, index) => byte ^ key[index % 4]!));
  return Buffer.concat([header, key, masked]);
}

export const invokeFrame = (id: number, channel: string, payload: unknown = {}, options?: FrameOptions) =>
  frame(opcodes.text, JSON.stringify({ type: 'invoke', id, channel, payload }), options);

export interface CloseInfo {
  /** The code of the server's close frame; null when the connection ended without one. */
  code: number | null;
  reason: string;
}

export class RawWebSocket {
  /** Parsed JSON text messages from the server, in order. */
  readonly messages: any[] = [];
  pongs = 0;
  /** Resolves when the server's close frame arrives or the TCP connection ends, whichever is first. */
  readonly closed: Promise<CloseInfo>;
  private pending = Buffer.alloc(0);
  private settleClosed!: (info: CloseInfo) => void;
  private waiters: Array<() => void> = [];
  private nextId = 1_000_000;

  private constructor(readonly socket: Socket, rest: Buffer) {
    this.closed = new Promise((resolve) => (this.settleClosed = resolve));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.finish({ code: null, reason: 'connection ended' }));
    socket.on('error', () => {});
    if (rest.length > 0) this.receive(rest);
  }

  /** Completes the upgrade with the token; rejects with the status line when the server refuses. */
  static open(port: number, token: string): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const statusLine = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!statusLine.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(statusLine));
          return;
        }
        resolve(new RawWebSocket(socket, head.subarray(end + 4)));
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.once('connect', () =>
        socket.write(
          [
            `GET /ws?token=${token} HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        ),
      );
    });
  }

  send(...frames: Buffer[]): void {
    this.socket.write(Buffer.concat(frames));
  }

  /** Sends one well-formed request and resolves with its reply. */
  invoke(channel: string, payload: unknown = {}): Promise<any> {
    const id = this.nextId++;
    this.send(invokeFrame(id, channel, payload));
    return this.reply(id);
  }

  /** Resolves with the reply to `id`; rejects if the connection closes first. */
  reply(id: number): Promise<any> {
    return this.until(() => this.messages.find((message) => message.type === 'reply' && message.id === id)?.reply);
  }

  /** Resolves once `probe` returns something other than undefined; rejects if the connection closes first. */
  until<T>(probe: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = probe();
        if (found !== undefined) resolve(found);
        else if (this.socket.destroyed) reject(new Error('the connection closed first'));
        else return false;
        return true;
      };
      if (check()) return;
      const waiter = () => {
        if (check()) this.waiters = this.waiters.filter((entry) => entry !== waiter);
      };
      this.waiters.push(waiter);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const parsed = readServerFrame(this.pending);
      if (!parsed) break;
      this.pending = this.pending.subarray(parsed.size);
      if (parsed.opcode === opcodes.text) this.messages.push(JSON.parse(parsed.payload.toString('utf8')));
      if (parsed.opcode === opcodes.pong) this.pongs += 1;
      if (parsed.opcode === opcodes.close) {
        const code = parsed.payload.length >= 2 ? parsed.payload.readUInt16BE(0) : null;
        this.finish({ code, reason: parsed.payload.subarray(2).toString('utf8') });
        this.socket.destroy();
        return;
      }
    }
    this.wake();
  }

  private finish(info: CloseInfo): void {
    this.settleClosed(info);
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function readServerFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return undefined;
  return { opcode: buffer[0]! & 0x0f, payload: buffer.subarray(offset, offset + length), size: offset + length };
}
