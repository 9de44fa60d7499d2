import type { InventoryView } from './inventoryView';
import type { ErrorWords } from '../../../shared/errors';
import { listSomeText, sentences, text, type TextRef } from '../../../shared/i18n/engineText';
import { worst } from './format';
import type { EndpointNeeds } from './planNeeds';
import { check, type PreflightCheck, type PreflightStatus } from './types';

type Finding = { status: PreflightStatus; text: TextRef | null };

function summarize(id: 'templates' | 'storages', findings: Finding[], okText: ErrorWords): PreflightCheck {
  const problems = findings.filter((finding) => finding.status !== 'ok');
  if (problems.length === 0) return check(id, 'ok', okText);
  const status = worst(problems.map((finding) => finding.status));
  return check(id, status, sentences(...problems.map((finding) => finding.text)));
}

const whoNeeds = (users: string[]) => listSomeText(users, 3);

/**
 * The templates the plan clones, by name or VMID as the provider matches
 * them; VMs without an image need any template of their OS. Missing
 * everywhere, or only on offline nodes, blocks the run.
 */
export function evaluateTemplates(inventory: Pick<InventoryView, 'nodes' | 'templates'>, needs: EndpointNeeds): PreflightCheck {
  const online = new Set(inventory.nodes.filter((node) => node.online).map((node) => node.name));
  const findings: Finding[] = [];
  for (const wanted of needs.templates) {
    const found = inventory.templates.filter((template) => template.name === wanted.name || String(template.vmid) === wanted.name);
    const usable = found.filter((template) => online.has(template.node));
    if (found.length === 0) findings.push({ status: 'blocker', text: text('preflight.template.missing', { name: wanted.name, users: whoNeeds(wanted.vms) }) });
    else if (usable.length === 0) findings.push({ status: 'blocker', text: text('preflight.template.offline', { name: wanted.name, nodes: listSomeText(found.map((t) => t.node)) }) });
    else findings.push({ status: 'ok', text: null });
  }
  for (const wanted of needs.osTemplates) {
    const usable = inventory.templates.filter((template) => online.has(template.node));
    if (usable.some((template) => template.os === wanted.os)) findings.push({ status: 'ok', text: null });
    else if (usable.some((template) => template.os === null)) {
      findings.push({ status: 'warning', text: text('preflight.template.osUnnamed', { os: wanted.os, users: whoNeeds(wanted.vms) }) });
    } else findings.push({ status: 'blocker', text: text('preflight.template.osMissing', { os: wanted.os, users: whoNeeds(wanted.vms) }) });
  }
  const count = needs.templates.length + needs.osTemplates.length;
  return summarize('templates', findings, count === 0 ? text('preflight.template.none') : text('preflight.template.ok', { count }));
}

/** The storages the plan names: present and active on some node, holding the content the plan puts there. */
export function evaluateStorages(inventory: Pick<InventoryView, 'storages'>, needs: EndpointNeeds): PreflightCheck {
  const findings: Finding[] = needs.storages.map((need) => {
    const entries = inventory.storages.filter((entry) => entry.storage === need.storage);
    if (entries.length === 0) return { status: 'blocker', text: text('preflight.storage.missing', { storage: need.storage, users: whoNeeds(need.users) }) };
    const active = entries.filter((entry) => entry.active);
    if (active.length === 0) return { status: 'blocker', text: text('preflight.storage.inactive', { storage: need.storage }) };
    if (!active.some((entry) => entry.content.includes(need.content))) {
      return { status: 'blocker', text: text(need.content === 'iso' ? 'preflight.storage.noIso' : 'preflight.storage.noDisks', { storage: need.storage, content: need.content }) };
    }
    return { status: 'ok', text: null };
  });
  const names = [...new Set(needs.storages.map((need) => need.storage))];
  return summarize('storages', findings, names.length === 0 ? text('preflight.storage.none') : text('preflight.storage.ok', { names: listSomeText(names) }));
}
