import { text, type TextRef } from '../../../../shared/i18n/engineText';
import { api } from './apiPath';
import type { ProxmoxClient } from './client';
import type { Inventory, TemplateInfo } from './types';
import { bootDisk, type DiskInfo } from './vmConfig';
import type { VmCreateInput } from './vmSpec';

export interface TemplateChoice {
  template: TemplateInfo;
  disk: DiskInfo;
  config: Record<string, unknown>;
  /** The template lives on another node, on shared storage: cloned with `target`. */
  viaShared: boolean;
}

export type TemplateLookup = { ok: true; choice: TemplateChoice } | { ok: false; problem: TextRef };

type Wanted = Pick<VmCreateInput, 'template' | 'os'>;

/** A named template matches by name or VMID; otherwise by OS (a nameless Windows template is known by its ostype). */
function matches(template: TemplateInfo, wanted: Wanted, ostype: string | undefined): boolean {
  if (wanted.template) return template.name === wanted.template || String(template.vmid) === wanted.template;
  if (template.os) return template.os === wanted.os;
  return wanted.os === 'windows' && /^w/.test(ostype ?? '');
}

/**
 * The template to clone for the VM onto `node`: one on the node itself
 * (lowest VMID first, so every run picks the same), else one on another
 * online node whose disk sits on shared storage.
 */
export async function findTemplate(client: ProxmoxClient, inventory: Inventory, wanted: Wanted, node: string, signal: AbortSignal): Promise<TemplateLookup> {
  const online = new Set(inventory.nodes.filter((entry) => entry.online).map((entry) => entry.name));
  const ordered = [...inventory.templates].sort((a, b) => Number(b.node === node) - Number(a.node === node) || a.vmid - b.vmid);
  for (const template of ordered) {
    const local = template.node === node;
    if (!local && !online.has(template.node)) continue;
    // A template whose name already says another OS is not worth a config read.
    if (!wanted.template && template.os && template.os !== wanted.os) continue;
    if (wanted.template && !matches(template, wanted, undefined)) continue;
    const config = (await client.get<Record<string, unknown> | null>(api`/nodes/${template.node}/qemu/${template.vmid}/config`, signal)) ?? {};
    if (!matches(template, wanted, typeof config.ostype === 'string' ? config.ostype : undefined)) continue;
    const disk = bootDisk(config);
    if (!disk) continue;
    if (local) return { ok: true, choice: { template, disk, config, viaShared: false } };
    const shared = inventory.storages.some((entry) => entry.node === template.node && entry.storage === disk.storage && entry.shared);
    if (shared) return { ok: true, choice: { template, disk, config, viaShared: true } };
  }
  return { ok: false, problem: wanted.template ? text('pve.node.noTemplate', { template: wanted.template, node }) : text('pve.node.noOsTemplate', { os: wanted.os, node }) };
}
