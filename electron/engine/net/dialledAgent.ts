import { Agent, type AgentOptions } from 'node:http';
import { createConnection, type Socket } from 'node:net';
import type { HostPort } from './types';

/**
 * Plain HTTP whose sockets open at `dialTo` (a tunnel's local end) while
 * every request keeps its own host (the Host header, the agent's pool key,
 * the names in errors): the HTTP twin of PinnedAgent's `dialTo`.
 */
export class DialledHttpAgent extends Agent {
  constructor(
    private readonly dialTo: HostPort,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: { localAddress?: string }): Socket {
    return createConnection({ host: this.dialTo.host, port: this.dialTo.port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  }
}
