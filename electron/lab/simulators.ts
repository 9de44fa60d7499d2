/*
 * The lab is a set of simulators, one per platform, keyed by the endpoint
 * kind it stands in for. Each is started on demand, for the kinds a plan
 * uses, and announces itself the same way (`rackpilot lab start --json`).
 */

/** What a client needs to reach one simulated platform. */
export interface LabEndpoint {
  /** The endpoint kind it simulates (`proxmox`). */
  kind: string;
  /** `https://127.0.0.1:PORT` (for Proxmox the API is under /api2/json). */
  url: string;
  username: string;
  password: string;
  /** SHA-256 of the endpoint's certificate, `AB:CD:...`, for pinning. */
  fingerprint: string;
  /** The simulator's fault-injection API (`POST {url}/faults` with `Authorization: Bearer {token}`). */
  admin?: { url: string; token: string };
}

/** A started simulator. `handle` is its own richer API (faults, snapshots) for tests. */
export interface RunningSimulator<Handle = unknown> {
  endpoint: LabEndpoint;
  /** Makes the simulator hold what a rehearsal's plan expects; `preparation` is plain data the simulator parses and refuses when malformed. */
  prepare(preparation: unknown): void | Promise<void>;
  /** Back to its state at start, on the same address, certificate and credentials (a fresh rehearsal keeps its pins). */
  reset(): Promise<void>;
  handle: Handle;
  close(): Promise<void>;
}

/** The other simulators of the same lab, for one that links to them (SmartX's SMTX OS to its CloudTower and SSH target). */
export interface LabPeers {
  /** Starts `kind` in this lab (or gives the running one); throws when the lab has no such simulator. */
  start(kind: string): Promise<RunningSimulator>;
}

export interface Simulator<Options = unknown, Handle = unknown> {
  kind: string;
  /** The platform's name in messages. */
  title: string;
  /** `peers` is given when started by a lab; a simulator started alone starts what it links to itself. */
  start(options: Options | undefined, peers?: LabPeers): Promise<RunningSimulator<Handle>>;
  /** Why this build cannot start it (a binary it runs is missing), or null; never a silent skip. */
  unavailable?(options: Options | undefined): string | null;
}
