import { randomUUID } from 'node:crypto';
import type { SecurityGroup, SecurityGroupRule } from './cloud';
import type { OsContext } from './context';
import { json, route, type Route } from './http';
import { parseCidr } from './ipam';
import { filtered, neutronError, securityGroupRuleView } from './neutronViews';

/*
 * Neutron's security-group-rules (neutron/db/securitygroups_db.py and the
 * neutron-lib api definition): create, list, show, delete. Like Neutron, it
 * refuses a rule identical to one the group has (409 SecurityGroupRuleExists),
 * a port range on a protocol without ports, and min > max.
 */

const allowedFields = ['security_group_id', 'direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'remote_ip_prefix', 'remote_group_id', 'remote_address_group_id', 'description', 'tenant_id', 'project_id'];
const portedProtocols = ['tcp', 'udp', 'sctp', 'dccp', 'udplite', '6', '17', '132', '33', '136'];
let nextAttr = 1_000_000;

const sameRule = (a: SecurityGroupRule, b: SecurityGroupRule): boolean =>
  a.ethertype === b.ethertype && (a.direction ?? 'egress') === (b.direction ?? 'egress') && (a.protocol ?? null) === (b.protocol ?? null) &&
  (a.portMin ?? null) === (b.portMin ?? null) && (a.portMax ?? null) === (b.portMax ?? null) && (a.remoteIp ?? null) === (b.remoteIp ?? null) && (a.remoteGroupId ?? null) === (b.remoteGroupId ?? null);

const optionalPort = (value: unknown): number | null | 'bad' => (value === undefined || value === null ? null : Number.isInteger(Number(value)) && Number(value) >= 0 && Number(value) <= 65535 ? Number(value) : 'bad');

export function securityGroupRuleRoutes(context: OsContext, base: string): Route[] {
  const bad = (message: string) => neutronError(400, 'HTTPBadRequest', message);
  const ruleGone = (id: string) => neutronError(404, 'SecurityGroupRuleNotFound', `Security group rule ${id} does not exist`);
  const owning = (id: string): { group: SecurityGroup; rule: SecurityGroupRule } | null => {
    for (const group of context.cloud.securityGroups.values()) {
      const rule = group.rules.find((candidate) => candidate.id === id);
      if (rule) return { group, rule };
    }
    return null;
  };
  const allRules = () => [...context.cloud.securityGroups.values()].flatMap((group) => group.rules.map((rule) => securityGroupRuleView(context, group, rule)));

  return [
    route('GET', `${base}/security-group-rules`, (request) => json(200, { security_group_rules: filtered(allRules(), request.query) })),
    route('GET', `${base}/security-group-rules/{id}`, (_, [id]) => {
      const found = owning(id!);
      return found ? json(200, { security_group_rule: securityGroupRuleView(context, found.group, found.rule) }) : ruleGone(id!);
    }),
    route('POST', `${base}/security-group-rules`, async (request) => {
      const body = (await request.json()) as { security_group_rule?: Record<string, unknown> } | undefined;
      const fields = body?.security_group_rule;
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return bad('Resource body required');
      const unknown = Object.keys(fields).filter((key) => !allowedFields.includes(key));
      if (unknown.length > 0) return bad(`Unrecognized attribute(s) '${unknown.join(', ')}'`);
      const group = context.cloud.securityGroups.get(String(fields.security_group_id ?? ''));
      if (!group) return neutronError(404, 'SecurityGroupNotFound', `Security group ${String(fields.security_group_id ?? '')} does not exist`);
      if (fields.direction !== 'ingress' && fields.direction !== 'egress') return bad(`Invalid input for direction. Reason: ${String(fields.direction)} is not in valid_values.`);
      const ethertype = fields.ethertype ?? 'IPv4';
      if (ethertype !== 'IPv4' && ethertype !== 'IPv6') return bad(`Invalid input for ethertype. Reason: ${String(ethertype)} is not in valid_values.`);
      const protocol = fields.protocol === undefined || fields.protocol === null ? null : String(fields.protocol).toLowerCase();
      const portMin = optionalPort(fields.port_range_min);
      const portMax = optionalPort(fields.port_range_max);
      if (portMin === 'bad' || portMax === 'bad') return bad('Invalid value for port: it must be an integer from 0 to 65535.');
      if ((portMin !== null || portMax !== null) && (protocol === null || !portedProtocols.includes(protocol)) && protocol !== 'icmp') return neutronError(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
      if (portMin !== null && portMax !== null && portMin > portMax && protocol !== 'icmp') return neutronError(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
      const remoteIp = fields.remote_ip_prefix === undefined || fields.remote_ip_prefix === null ? null : String(fields.remote_ip_prefix);
      if (remoteIp !== null && ethertype === 'IPv4' && !parseCidr(remoteIp.includes('/') ? remoteIp : `${remoteIp}/32`)) return bad(`Invalid input for remote_ip_prefix. Reason: '${remoteIp}' is not a valid IP subnet.`);
      const remoteGroupId = fields.remote_group_id === undefined || fields.remote_group_id === null ? null : String(fields.remote_group_id);
      if (remoteIp !== null && remoteGroupId !== null) return neutronError(400, 'SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.');
      if (remoteGroupId !== null && !context.cloud.securityGroups.has(remoteGroupId)) return neutronError(404, 'SecurityGroupNotFound', `Security group ${remoteGroupId} does not exist`);
      const rule: SecurityGroupRule = { id: randomUUID(), ethertype, standardAttrId: nextAttr++, direction: fields.direction, protocol, portMin: portMin ?? (portMax !== null ? portMax : null), portMax: portMax ?? portMin, remoteIp, remoteGroupId };
      const existing = group.rules.find((candidate) => sameRule(candidate, rule));
      if (existing) return neutronError(409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${existing.id}.`);
      group.rules.push(rule);
      return json(201, { security_group_rule: securityGroupRuleView(context, group, rule) });
    }),
    route('DELETE', `${base}/security-group-rules/{id}`, (_, [id]) => {
      const found = owning(id!);
      if (!found) return ruleGone(id!);
      found.group.rules.splice(found.group.rules.indexOf(found.rule), 1);
      return { status: 204 };
    }),
  ];
}
