import { emptyPlan, sourced, type EndpointFields, type FlavorFields, type ImageFields, type JumpHostFields, type Plan, type SliceFields } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import type { OpenStackLab } from '../../engine/testing/openstackLab';

/** A plan with one OpenStack endpoint on the lab (through its bastion or directly) and one slice, built as the importer fills it. */
export interface LabPlanOptions {
  viaBastion: boolean;
  slice?: Partial<SliceFields>;
  image?: Partial<ImageFields>;
  flavor?: Partial<FlavorFields> | null;
  username?: string;
  password?: string;
  project?: string;
  workbookDir: string;
}

const cell = (sheet: string, at: string) => ({ sheet, cell: at });

export function labPlan(lab: OpenStackLab, options: LabPlanOptions): Plan {
  const plan = emptyPlan('rackpilot-v1', `${options.workbookDir}/plan.xlsx`);
  plan.project.name = 'OpenStack lab';
  const endpoint: EndpointFields = {
    name: 'os-lab',
    kind: 'openstack',
    address: lab.authUrl,
    port: 5000,
    username: options.username ?? lab.admin.username,
    password: new Secret(options.password ?? lab.admin.password),
    apiToken: null,
    tlsFingerprint: null,
    jumpHost: options.viaBastion ? 'bastion' : null,
    datacenter: null,
    cluster: null,
    region: lab.region,
    project: options.project ?? lab.admin.project,
    domain: lab.admin.domain,
  };
  plan.endpoints = [sourced(endpoint, cell('Endpoints', 'A3:O3'), { password: cell('Endpoints', 'F3'), project: cell('Endpoints', 'L3'), region: cell('Endpoints', 'K3') })];
  const jump: JumpHostFields = { name: 'bastion', address: lab.bastion.host, port: lab.bastion.port, user: lab.bastion.username, password: new Secret(lab.bastion.password), keyPath: null, keyPassphrase: null, hostKey: lab.bastion.hostKeyFingerprint, via: null };
  plan.jumpHosts = [sourced(jump, cell('Jump hosts', 'A3:H3'))];
  plan.images = [sourced<ImageFields>({ name: 'rp-test-image', kind: 'template', file: 'disk.raw', sha256: null, endpoint: null, storage: null, node: null, remoteName: null, ...options.image }, cell('Images', 'A3:H3'), { file: cell('Images', 'C3') })];
  if (options.flavor !== null) {
    plan.flavors = [sourced<FlavorFields>({ name: 'rp.tiny', endpoint: 'os-lab', vcpu: 1, memoryMiB: 256, diskGiB: 1, recommend: false, notes: null, ...options.flavor }, cell('Flavors', 'A3:G3'))];
  }
  plan.slices = [
    sourced<SliceFields>(
      { name: 'rpmesh', endpoint: 'os-lab', topology: 'mesh', nodes: 4, ha: true, cidr: '10.61.0.0/26', managementCidr: '10.61.1.0/24', externalNetwork: null, dns: [], zones: [], image: 'rp-test-image', flavor: options.flavor === null ? null : (options.flavor?.name ?? 'rp.tiny'), keyPair: null, securityGroups: [], notes: null, ...options.slice },
      cell('Slices', 'A3:R3'),
    ),
  ];
  return plan;
}
