import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/*
 * Which process holds the client end of a loopback TCP connection, read from
 * /proc (the tests run as root, so every process's sockets are visible): a
 * service that sees a connection from 127.0.0.1:<port> learns whether our
 * own process dialled it or a bastion's sshd carried it from a tunnel.
 */

const hexPort = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');

/** The socket inode of the established connection 127.0.0.1:from → 127.0.0.1:to, or null. */
function inodeOf(from: number, to: number): string | null {
  const local = `0100007F:${hexPort(from)}`;
  const remote = `0100007F:${hexPort(to)}`;
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote && fields[3] === '01') return fields[9] ?? null;
  }
  return null;
}

/** The command name (`/proc/PID/comm`) of the process holding that connection's client end, or null when none is found. */
export function clientProcessOf(from: number, to: number): string | null {
  const inode = inodeOf(from, to);
  if (!inode) return null;
  const wanted = `socket:[${inode}]`;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === wanted) return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        // Closed while we looked.
      }
    }
  }
  return null;
}
