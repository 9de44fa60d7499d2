import { join } from 'node:path';
import { emptyPlan, sourced, type EndpointFields, type JumpHostFields, type Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import type { OpenSshServer } from '../../engine/ssh/testing/openssh';
import type { OpenStackLab } from '../../lab/openstack';

/** One OpenStack endpoint `os-tls` at the simulator's Keystone: reached directly, or only through `bastion` (its host key from the workbook). */
export function simulatorPlan(lab: OpenStackLab, dir: string, bastion?: OpenSshServer): Plan {
  const plan = emptyPlan('rackpilot-v1', join(dir, 'plan.xlsx'));
  const endpoint: EndpointFields = {
    name: 'os-tls',
    kind: 'openstack',
    address: lab.authUrl,
    port: Number(new URL(lab.authUrl).port),
    username: lab.username,
    password: new Secret(lab.password),
    apiToken: null,
    tlsFingerprint: null,
    jumpHost: bastion ? 'bastion' : null,
    datacenter: null,
    cluster: null,
    region: lab.region,
    project: lab.project,
    domain: lab.domain,
  };
  plan.endpoints = [sourced(endpoint, { sheet: 'Endpoints', cell: 'A3:O3' })];
  if (bastion) {
    const jump: JumpHostFields = {
      name: 'bastion',
      address: bastion.host,
      port: bastion.port,
      user: bastion.user,
      password: new Secret(bastion.password),
      keyPath: null,
      keyPassphrase: null,
      hostKey: bastion.hostKeyFingerprint,
      via: null,
    };
    plan.jumpHosts = [sourced(jump, { sheet: 'Jump hosts', cell: 'A3:H3' })];
  }
  return plan;
}
