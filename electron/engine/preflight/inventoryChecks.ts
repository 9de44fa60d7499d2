import type { InventoryView } from './inventoryView';
import { listSome, worst } from './format';
import type { EndpointNeeds } from './planNeeds';
import { check, type PreflightCheck, type PreflightStatus } from './types';

type Finding = { status: PreflightStatus; text: string };

function summarize(id: 'templates' | 'storages', findings: Finding[], okText: string): PreflightCheck {
  const problems = findings.filter((finding) => finding.status !== 'ok');
  if (problems.length === 0) return check(id, 'ok', okText);
  const status = worst(problems.map((finding) => finding.status));
  return check(id, status, problems.map((finding) => finding.text).join(' '));
}

const whoNeeds = (users: string[]): string => `(needed by ${listSome(users, 3)})`;

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
    if (found.length === 0) findings.push({ status: 'blocker', text: `Template ${wanted.name} is on no node ${whoNeeds(wanted.vms)}.` });
    else if (usable.length === 0) findings.push({ status: 'blocker', text: `Template ${wanted.name} is only on offline node(s) ${listSome(found.map((t) => t.node))}.` });
    else findings.push({ status: 'ok', text: '' });
  }
  for (const wanted of needs.osTemplates) {
    const usable = inventory.templates.filter((template) => online.has(template.node));
    if (usable.some((template) => template.os === wanted.os)) findings.push({ status: 'ok', text: '' });
    else if (usable.some((template) => template.os === null)) {
      findings.push({ status: 'warning', text: `No template is named for ${wanted.os}; one whose name says no OS may still do ${whoNeeds(wanted.vms)}.` });
    } else findings.push({ status: 'blocker', text: `There is no ${wanted.os} template on an online node ${whoNeeds(wanted.vms)}.` });
  }
  const count = needs.templates.length + needs.osTemplates.length;
  return summarize('templates', findings, count === 0 ? 'The plan clones no template on this endpoint.' : `All ${count} template(s) the plan clones are present.`);
}

/** The storages the plan names: present and active on some node, holding the content the plan puts there. */
export function evaluateStorages(inventory: Pick<InventoryView, 'storages'>, needs: EndpointNeeds): PreflightCheck {
  const findings: Finding[] = needs.storages.map((need) => {
    const entries = inventory.storages.filter((entry) => entry.storage === need.storage);
    if (entries.length === 0) return { status: 'blocker', text: `Storage ${need.storage} is on no node ${whoNeeds(need.users)}.` };
    const active = entries.filter((entry) => entry.active);
    if (active.length === 0) return { status: 'blocker', text: `Storage ${need.storage} is not active on any node.` };
    if (!active.some((entry) => entry.content.includes(need.content))) {
      const what = need.content === 'iso' ? 'ISO images' : 'VM disks';
      return { status: 'blocker', text: `Storage ${need.storage} does not accept ${what} (content "${need.content}" is not enabled).` };
    }
    return { status: 'ok', text: '' };
  });
  const names = [...new Set(needs.storages.map((need) => need.storage))];
  return summarize('storages', findings, names.length === 0 ? 'The plan names no storage on this endpoint.' : `Storage(s) present: ${listSome(names)}.`);
}
