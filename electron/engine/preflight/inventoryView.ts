import type { OsFamily } from '../../../shared/plan/model';

/*
 * What the capacity, template and storage checks read of a platform. Each
 * provider maps its own inventory (Proxmox nodes and storages, vSphere hosts
 * and datastores, ...) into this shape and reuses the same evaluations, so
 * the Connect screen says the same things in the same words for every platform.
 */
export interface InventoryView {
  nodes: Array<{ name: string; online: boolean; memTotal: number; memUsed: number }>;
  storages: Array<{ node: string; storage: string; /** `images`, `iso`, ... */ content: string[]; shared: boolean; active: boolean; total: number; used: number }>;
  templates: Array<{ vmid: number; name: string; node: string; os: OsFamily | null }>;
}
