import { startProxmoxLab, type ProxmoxLab, type ProxmoxLabOptions } from './proxmox';

/** What a client needs to reach one simulated platform. */
export interface LabEndpoint {
  kind: 'proxmox';
  /** `https://127.0.0.1:PORT` (the Proxmox API is under /api2/json). */
  url: string;
  username: string;
  password: string;
  /** SHA-256 of the endpoint's certificate, `AB:CD:...`, for pinning. */
  fingerprint: string;
  /** The lab's fault-injection API (`POST {url}/faults` with `Authorization: Bearer {token}`). */
  admin?: { url: string; token: string };
}

export interface StartLabOptions {
  /** Options of the Proxmox VE simulator (3 nodes with OS templates by default). */
  proxmox?: ProxmoxLabOptions;
}

export interface LabHandle {
  endpoints: LabEndpoint[];
  /** The running simulators, for tests and the UI (fault injection, snapshots). */
  proxmox: ProxmoxLab;
  /** Every simulator back to its state at start, on the same addresses and certificates. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the lab: today one Proxmox VE cluster on loopback. Close it when
 * done; a lab that fails half-way through starting closes what it opened.
 */
export async function startLab(options: StartLabOptions = {}): Promise<LabHandle> {
  const proxmox = await startProxmoxLab(options.proxmox);
  return {
    endpoints: [
      {
        kind: 'proxmox',
        url: proxmox.url,
        username: proxmox.username,
        password: proxmox.password,
        fingerprint: proxmox.fingerprint,
        admin: proxmox.admin,
      },
    ],
    proxmox,
    reset: () => proxmox.reset(),
    close: () => proxmox.close(),
  };
}
