import type { RackpilotApi } from '../../../shared/contract/api';
import { isPushEventName, pushEvents, type ChannelName, type PushEventName } from '../../../shared/contract/channels';
import { appError, appErrorSchema, type AppError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { Reply } from '../../../shared/reply';

/** The part of the browser's WebSocket the bridge uses; tests pass a fake. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WebBridgeOptions {
  /** `ws://host/ws?token=…` */
  url: string;
  createSocket?: (url: string) => SocketLike;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  warn?: (message: string) => void;
}

export interface WebBridge extends RackpilotApi {
  /** Stops reconnecting, closes the socket and fails whatever is pending. */
  close(): void;
}

/*
 * Connection states:
 *
 *   connecting ──open──> open
 *       │                 │ close/error (pending invokes fail with 'network')
 *       └────close──> waiting <┘   backoff 250 ms doubling to 5 s, reset on open
 *                       │ timer
 *                       └──> connecting
 *   (any) ──bridge.close()──> closed
 */
type Connection =
  | { state: 'connecting'; socket: SocketLike }
  | { state: 'open'; socket: SocketLike }
  | { state: 'waiting'; timer: ReturnType<typeof setTimeout> }
  | { state: 'closed' };

interface Pending {
  message: string;
  sent: boolean;
  resolve: (reply: Reply<unknown>) => void;
}

type Listener = (payload: unknown) => void;

const lostConnection = (): AppError =>
  appError('network', text('host.bridge.lost'), {
    hint: text('host.bridge.lostHint'),
  });

export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  const pending = new Map<number, Pending>();
  const listeners = new Map<PushEventName, Set<Listener>>();
  let nextId = 1;
  let failures = 0;
  /** null until the first attempt opens or fails. */
  let connected: boolean | null = null;
  let connection: Connection = { state: 'closed' };

  function emit(event: PushEventName, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (cause) {
        // One broken listener must not starve the others of events.
        console.error(`A listener of ${event} threw`, cause);
      }
    }
  }

  function setConnected(value: boolean): void {
    if (connected === value) return;
    connected = value;
    emit('app:connection', { connected: value });
  }

  function flushQueue(socket: SocketLike): void {
    for (const entry of pending.values()) {
      if (entry.sent) continue;
      socket.send(entry.message);
      entry.sent = true;
    }
  }

  function failAllPending(): void {
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.resolve({ ok: false, error: lostConnection() });
  }

  function connect(): void {
    const socket = createSocket(options.url);
    connection = { state: 'connecting', socket };
    socket.onopen = () => {
      if (connection.state !== 'connecting' || connection.socket !== socket) return;
      connection = { state: 'open', socket };
      failures = 0;
      flushQueue(socket);
      setConnected(true);
    };
    socket.onmessage = (event) => handleMessage(event.data);
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    socket.onclose = () => {
      if ((connection.state !== 'connecting' && connection.state !== 'open') || connection.socket !== socket) return;
      failAllPending();
      setConnected(false);
      const delay = Math.min(maxBackoff, minBackoff * 2 ** failures);
      failures += 1;
      connection = { state: 'waiting', timer: setTimeout(connect, delay) };
    };
  }

  function handleMessage(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      warn('Rackpilot bridge: dropped a message that is not JSON.');
      return;
    }
    if (!isObject(message)) return warn('Rackpilot bridge: dropped a message that is not an object.');
    if (message.type === 'reply') return handleReply(message);
    if (message.type === 'event') return handleEvent(message);
    warn(`Rackpilot bridge: dropped a message of unknown type "${String(message.type).slice(0, 50)}".`);
  }

  function handleReply(message: Record<string, unknown>): void {
    const entry = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (!entry || typeof message.id !== 'number') {
      warn(`Rackpilot bridge: dropped a reply to unknown request ${String(message.id).slice(0, 50)}.`);
      return;
    }
    pending.delete(message.id);
    entry.resolve(toReply(message.reply));
  }

  function handleEvent(message: Record<string, unknown>): void {
    const name = message.event;
    if (!isPushEventName(name)) {
      warn(`Rackpilot bridge: dropped an unknown push event "${String(name).slice(0, 50)}".`);
      return;
    }
    const parsed = pushEvents[name].safeParse(message.payload);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(payload)';
      warn(`Rackpilot bridge: dropped an invalid ${name} event (${where}: ${parsed.error.issues[0]?.message ?? 'invalid'}).`);
      return;
    }
    emit(name, parsed.data);
  }

  connect();

  return {
    invoke(channel: ChannelName, request: unknown) {
      const id = nextId++;
      let message: string;
      try {
        message = JSON.stringify({ type: 'invoke', id, channel, payload: request ?? {} });
      } catch {
        return Promise.resolve({ ok: false, error: appError('invalid_request', text('host.bridge.unsendable', { channel })) });
      }
      if (connection.state === 'closed') return Promise.resolve({ ok: false, error: lostConnection() });
      return new Promise<Reply<unknown>>((resolve) => {
        const entry: Pending = { message, sent: false, resolve };
        pending.set(id, entry);
        if (connection.state === 'open') flushQueue(connection.socket);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as Listener;
      set.add(wrapped);
      if (event === 'app:connection') {
        // The socket may open before the page subscribes (the bridge loads first): tell late subscribers where things stand.
        queueMicrotask(() => {
          if (connected !== null && set.has(wrapped)) wrapped({ connected });
        });
      }
      return () => {
        set.delete(wrapped);
      };
    },
    close() {
      const previous = connection;
      connection = { state: 'closed' };
      if (previous.state === 'waiting') clearTimeout(previous.timer);
      if (previous.state === 'open' || previous.state === 'connecting') previous.socket.close(1000, 'closed by the page');
      failAllPending();
      setConnected(false);
    },
  } as WebBridge;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trusts the host for values (it parsed them with the contract) but never for the envelope. */
function toReply(raw: unknown): Reply<unknown> {
  if (isObject(raw) && raw.ok === true && 'value' in raw) return { ok: true, value: raw.value };
  if (isObject(raw) && raw.ok === false) {
    const error = appErrorSchema.safeParse(raw.error);
    if (error.success) return { ok: false, error: error.data };
  }
  return { ok: false, error: appError('internal', 'Rackpilot sent a reply this page cannot read.', { retryable: true }) };
}
