import type { LabController, LabEndpointInfo } from '../../engine/service/types';
import { startLab, type LabHandle } from '../../lab';

/** Starts the lab on first use and keeps it until the host stops it; concurrent callers share one start. */
export function createLabController(): LabController {
  let starting: Promise<LabHandle> | null = null;
  let handle: LabHandle | null = null;
  const info = (lab: LabHandle): LabEndpointInfo[] =>
    lab.endpoints.map(({ kind, url, username, password, fingerprint }) => ({ kind, url, username, password, fingerprint }));
  return {
    async ensureStarted(prepare) {
      starting ??= startLab({ proxmox: { latency: { authFailureMs: 500 } } }).then((lab) => (handle = lab));
      try {
        const lab = await starting;
        if (prepare) lab.proxmox.prepare(prepare);
        return info(lab);
      } catch (cause) {
        starting = null;
        throw cause;
      }
    },
    running: () => (handle ? info(handle) : null),
    async stop() {
      const current = starting;
      starting = null;
      handle = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  };
}
