import { z } from 'zod';
import { cellRefSchema, type CellRef } from '../errors';
import { Secret } from './secret';

/*
 * The Plan: what Rackpilot understood from a workbook, whatever profile read it.
 *
 * Values are plain fields (`vm.memoryMiB`), so graph and provider code reads
 * them without unwrapping. Where each value came from sits beside them in
 * `src` (`vm.src.memoryMiB -> { sheet: 'VMs', cell: 'F7' }`); a field that
 * has no `src` entry holds a default. `origin` is the whole row (`A7:K7`),
 * for findings about the entity rather than one cell. `planToJson` turns
 * both into `{ value, source: 'VMs!F7' }` pairs. Table rows compute their
 * `src` entries on demand (rowSources.ts) rather than keep one per value.
 */

export const endpointKinds = ['proxmox', 'vsphere', 'openstack', 'smartx', 'cloudtower'] as const;
export type EndpointKind = (typeof endpointKinds)[number];
export const osFamilies = ['ubuntu', 'centos', 'rocky', 'debian', 'windows', 'other'] as const;
export type OsFamily = (typeof osFamilies)[number];
export const imageKinds = ['iso', 'template'] as const;
export type ImageKind = (typeof imageKinds)[number];
export const planLangs = ['en', 'zh', 'es'] as const;
/** How a slice's nodes are linked (see shared/plan/topology.ts for the networks and ports each one makes). */
export const sliceTopologies = ['linear', 'ring', 'star', 'tree', 'mesh'] as const;
export type SliceTopology = (typeof sliceTopologies)[number];
export const ruleDirections = ['ingress', 'egress'] as const;
export type RuleDirection = (typeof ruleDirections)[number];
export const ruleProtocols = ['tcp', 'udp', 'icmp', 'any'] as const;
export type RuleProtocol = (typeof ruleProtocols)[number];
export type PlanLang = (typeof planLangs)[number];

/** Default API port per endpoint kind, used when the workbook leaves the port empty. */
export const defaultPorts: Record<EndpointKind, number> = {
  proxmox: 8006,
  vsphere: 443,
  openstack: 5000,
  smartx: 443,
  cloudtower: 443,
};

export type { CellRef };
export type Sources<T> = { [K in keyof T]?: CellRef };
/**
 * Where each field's column crosses an entity's row, filled or empty, so a
 * finding about a missing value points at the cell to fill. `columns` is
 * shared by all rows of a sheet (ten thousand rows, one map).
 */
export interface RowCells<T> {
  sheet: string;
  row: number;
  columns: { readonly [K in keyof T]?: string };
}
/** An entity's fields plus where each came from (and, optionally, where each could have come from). */
export type Sourced<T> = T & { src: Sources<T>; origin: CellRef | null; cells?: RowCells<T> };

export const secretSchema = z.custom<Secret>((value) => value instanceof Secret, 'expected a Secret');
const text = z.string();
const optText = z.string().nullable();
const optSecret = secretSchema.nullable();
const names = z.array(z.string());

export const projectFieldsSchema = z.object({
  name: text,
  organisation: optText,
  language: z.enum(planLangs).nullable(),
  datacenter: optText,
  notes: optText,
  ntpServers: names,
  dnsServers: names,
});

export const endpointFieldsSchema = z.object({
  name: text,
  kind: z.enum(endpointKinds),
  address: text,
  port: z.number().int().min(1).max(65535),
  username: optText,
  password: optSecret,
  /** Proxmox API token secret / OpenStack application credential; replaces the password. */
  apiToken: optSecret,
  /** Expected SHA-256 of the TLS certificate, colon hex upper-case (`AB:CD:...`). */
  tlsFingerprint: optText,
  jumpHost: optText,
  datacenter: optText,
  cluster: optText,
  region: optText,
  project: optText,
  domain: optText,
});

export const jumpHostFieldsSchema = z.object({
  name: text,
  address: text,
  port: z.number().int().min(1).max(65535),
  user: text,
  password: optSecret,
  /** Private key file, relative to the workbook. */
  keyPath: optText,
  keyPassphrase: optSecret,
  /** Expected SSH host key, `SHA256:base64`. */
  hostKey: optText,
  /** The jump host this one is reached through (chains). */
  via: optText,
});

export const networkFieldsSchema = z.object({
  name: text,
  endpoint: optText,
  /** 0 = untagged. */
  vlan: z.number().int().min(0).max(4094),
  cidr: optText,
  gateway: optText,
  dns: names,
  bridge: optText,
  portGroup: optText,
  vds: optText,
  neutronNetwork: optText,
});

export const imageFieldsSchema = z.object({
  name: text,
  kind: z.enum(imageKinds),
  /** Relative to the workbook's folder. */
  file: optText,
  /** Lower-case hex. */
  sha256: optText,
  endpoint: optText,
  storage: optText,
  node: optText,
  /** The name (or id) on the platform when it differs from `name`. */
  remoteName: optText,
});

export const vmFieldsSchema = z.object({
  name: text,
  endpoint: text,
  /** Nodes or clusters in order of preference; empty = let the platform choose. */
  placement: names,
  os: z.enum(osFamilies),
  /** Name of a row of the images sheet (ISO or template). */
  image: optText,
  vcpu: z.number().int().min(1),
  memoryMiB: z.number().int().min(1),
  diskGiB: z.number().min(0),
  network: optText,
  /** Null = DHCP. */
  ip: optText,
  /** Overrides the network's gateway. */
  gateway: optText,
  vmid: z.number().int().nullable(),
  scripts: names,
  haGroup: optText,
  availabilityZone: optText,
  storage: optText,
  flavor: optText,
  jumpHost: optText,
  user: optText,
  password: optSecret,
  sshKeyPath: optText,
  notes: optText,
  /*
   * vSphere placement and guest customization. Optional, so profiles and
   * fixtures that predate them need not name them; absent = null.
   */
  /** VM folder below the datacenter (`vm/Rackpilot/web`; `Rackpilot/web` means the same). */
  folder: optText.optional(),
  /** Resource pool below the cluster's root pool (`pool-a/web`). */
  resourcePool: optText.optional(),
  /** Linux: the DNS domain; Windows: the Active Directory domain to join (with `domainUser`), else the DNS suffix. */
  domain: optText.optional(),
  /** Windows workgroup when no domain is joined. */
  workgroup: optText.optional(),
  /** Linux: a tz database name (`Europe/Madrid`); Windows: Microsoft's time zone index (`85`). */
  timeZone: optText.optional(),
  /** Windows sysprep product key. */
  productKey: optSecret.optional(),
  /** The account that joins the Windows domain. */
  domainUser: optText.optional(),
  domainPassword: optSecret.optional(),
  /*
   * OpenStack. Optional for the same reason; absent = null / empty.
   */
  /** The slice this VM is a node of (then the slice's topology gives its networks and ports). */
  slice: optText.optional(),
  /** Name of a row of the key pairs sheet, injected into the server. */
  keyPair: optText.optional(),
  /** Names of rows of the security groups sheet. */
  securityGroups: names.optional(),
  /** cloud-init user data file, relative to the workbook. */
  userData: optText.optional(),
});

export const scriptFieldsSchema = z.object({
  name: text,
  runOn: z.union([z.literal('all'), names]),
  interpreter: text,
  body: optText,
  /** Relative to the workbook's folder. */
  file: optText,
  sudo: z.boolean(),
  timeoutSec: z.number().int().min(1),
});

/** Physical hosts (the SmartX profile fills these). */
export const hostFieldsSchema = z.object({
  name: text,
  cluster: optText,
  serial: optText,
  bmcAddress: optText,
  bmcUser: optText,
  bmcPassword: optSecret,
  managementIp: optText,
  storageIp: optText,
  sshUser: optText,
  sshPassword: optSecret,
  adminUser: optText,
  adminPassword: optSecret,
  rack: optText,
  notes: optText,
});

export const clusterFieldsSchema = z.object({
  name: text,
  vip: optText,
  vds: names,
  endpoint: optText,
  ntpServers: names,
  dnsServers: names,
  notes: optText,
});

/*
 * OpenStack objects a plan names. A flavor row either names a flavor the
 * cloud already has (sizes empty), defines one to create with its sizes, or
 * (recommend) stands for the smallest existing flavor that fits its sizes.
 */
export const flavorFieldsSchema = z.object({
  name: text,
  endpoint: optText,
  vcpu: z.number().int().min(1).nullable(),
  memoryMiB: z.number().int().min(1).nullable(),
  diskGiB: z.number().min(0).nullable(),
  /** True: pick the smallest listed flavor that fits the sizes instead of creating this one. */
  recommend: z.boolean(),
  notes: optText,
});

export const availabilityZoneFieldsSchema = z.object({
  name: text,
  endpoint: optText,
  /** Compute hosts expected in the zone (informative; the cloud's listing is what counts). */
  hosts: names,
  notes: optText,
});

export const keyPairFieldsSchema = z.object({
  name: text,
  endpoint: optText,
  /** OpenSSH public key text (`ssh-ed25519 AAAA… comment`). */
  publicKey: optText,
  /** Public key file, relative to the workbook. */
  publicKeyFile: optText,
});

export const securityGroupFieldsSchema = z.object({
  name: text,
  endpoint: optText,
  description: optText,
});

export const securityGroupRuleFieldsSchema = z.object({
  /** Name of the security group the rule belongs to. */
  group: text,
  direction: z.enum(ruleDirections),
  protocol: z.enum(ruleProtocols),
  /** `22`, `8000-8080`; null = every port. */
  ports: optText,
  /** Remote CIDR; null with `remoteGroup` null = anywhere. */
  remoteCidr: optText,
  /** Remote security group name instead of a CIDR. */
  remoteGroup: optText,
  description: optText,
});

export const sliceFieldsSchema = z.object({
  name: text,
  endpoint: text,
  topology: z.enum(sliceTopologies),
  /** Node count when the slice's nodes are generated; null when VM rows name the slice. */
  nodes: z.number().int().nullable(),
  /** Spread the nodes over availability zones. */
  ha: z.boolean(),
  /** Address pool the link networks are carved from. */
  cidr: optText,
  /** A network every node joins (first port), routed to `externalNetwork` when set. */
  managementCidr: optText,
  /** Provider network for the router's external gateway; null = no router gateway. */
  externalNetwork: optText,
  dns: names,
  /** Names of rows of the availability zones sheet; empty = every zone of the endpoint. */
  zones: names,
  image: optText,
  flavor: optText,
  keyPair: optText,
  securityGroups: names,
  notes: optText,
});

export type ProjectFields = z.infer<typeof projectFieldsSchema>;
export type EndpointFields = z.infer<typeof endpointFieldsSchema>;
export type JumpHostFields = z.infer<typeof jumpHostFieldsSchema>;
export type NetworkFields = z.infer<typeof networkFieldsSchema>;
export type ImageFields = z.infer<typeof imageFieldsSchema>;
export type VmFields = z.infer<typeof vmFieldsSchema>;
export type ScriptFields = z.infer<typeof scriptFieldsSchema>;
export type HostFields = z.infer<typeof hostFieldsSchema>;
export type ClusterFields = z.infer<typeof clusterFieldsSchema>;
export type FlavorFields = z.infer<typeof flavorFieldsSchema>;
export type AvailabilityZoneFields = z.infer<typeof availabilityZoneFieldsSchema>;
export type KeyPairFields = z.infer<typeof keyPairFieldsSchema>;
export type SecurityGroupFields = z.infer<typeof securityGroupFieldsSchema>;
export type SecurityGroupRuleFields = z.infer<typeof securityGroupRuleFieldsSchema>;
export type SliceFields = z.infer<typeof sliceFieldsSchema>;

export type Project = Sourced<ProjectFields>;
export type Endpoint = Sourced<EndpointFields>;
export type JumpHost = Sourced<JumpHostFields>;
export type Network = Sourced<NetworkFields>;
export type Image = Sourced<ImageFields>;
export type Vm = Sourced<VmFields>;
export type Script = Sourced<ScriptFields>;
export type Host = Sourced<HostFields>;
export type Cluster = Sourced<ClusterFields>;
export type Flavor = Sourced<FlavorFields>;
export type AvailabilityZone = Sourced<AvailabilityZoneFields>;
export type KeyPair = Sourced<KeyPairFields>;
export type SecurityGroup = Sourced<SecurityGroupFields>;
export type SecurityGroupRule = Sourced<SecurityGroupRuleFields>;
export type Slice = Sourced<SliceFields>;

export interface Plan {
  /** Which reader produced it: `rackpilot-v1`, `smartx`. */
  profile: string;
  /** Absolute path of the workbook; relative file paths in the plan are resolved against its folder. */
  sourcePath: string;
  project: Project;
  endpoints: Endpoint[];
  jumpHosts: JumpHost[];
  networks: Network[];
  images: Image[];
  vms: Vm[];
  scripts: Script[];
  hosts: Host[];
  clusters: Cluster[];
  /* OpenStack objects (empty for other platforms). */
  flavors: Flavor[];
  availabilityZones: AvailabilityZone[];
  keyPairs: KeyPair[];
  securityGroups: SecurityGroup[];
  securityGroupRules: SecurityGroupRule[];
  slices: Slice[];
  /** Profile-specific data keyed by profile id (e.g. `smartx`); Secrets inside are redacted by planToJson. */
  extensions: Record<string, unknown>;
}

/** The lists of a plan that hold named entities, with the sheet-independent kind name used in findings. */
export const entityLists = ['endpoints', 'jumpHosts', 'networks', 'images', 'vms', 'scripts', 'hosts', 'clusters'] as const;
export type EntityList = (typeof entityLists)[number];
/**
 * The OpenStack lists, kept apart from `entityLists` because their names
 * follow the cloud's rules (flavor `m1.small`), not host name rules.
 */
export const openstackLists = ['flavors', 'availabilityZones', 'keyPairs', 'securityGroups', 'slices'] as const;
export type OpenstackList = (typeof openstackLists)[number];

/** Where a finding about `field` of `entity` should point: its cell (filled or empty), else its row, else nowhere. */
export function whereOf<T>(entity: Sourced<T>, field?: keyof T): CellRef | null {
  if (field === undefined) return entity.origin ?? null;
  const filled = entity.src[field];
  if (filled) return filled;
  const letters = entity.cells?.columns[field];
  if (letters !== undefined) return { sheet: entity.cells!.sheet, cell: `${letters}${entity.cells!.row}` };
  return entity.origin ?? null;
}

/** A new entity with no sources yet; importers fill `src` as they read cells. */
export function sourced<T>(fields: T, origin: CellRef | null = null, src: Sources<T> = {}): Sourced<T> {
  return { ...fields, src, origin };
}

export function emptyPlan(profile: string, sourcePath: string): Plan {
  return {
    profile,
    sourcePath,
    project: sourced<ProjectFields>({
      name: '',
      organisation: null,
      language: null,
      datacenter: null,
      notes: null,
      ntpServers: [],
      dnsServers: [],
    }),
    endpoints: [],
    jumpHosts: [],
    networks: [],
    images: [],
    vms: [],
    scripts: [],
    hosts: [],
    clusters: [],
    ...emptyOpenstackLists(),
    extensions: {},
  };
}

/** The OpenStack lists of a plan, empty; for code that builds a Plan by hand. */
export function emptyOpenstackLists(): Pick<Plan, OpenstackList | 'securityGroupRules'> {
  return { flavors: [], availabilityZones: [], keyPairs: [], securityGroups: [], securityGroupRules: [], slices: [] };
}

/** Checks an importer's output field by field; used by tests and to guard profiles against drift. */
export const planShapeSchema = z.object({
  profile: z.string(),
  sourcePath: z.string(),
  project: projectFieldsSchema.passthrough(),
  endpoints: z.array(endpointFieldsSchema.passthrough()),
  jumpHosts: z.array(jumpHostFieldsSchema.passthrough()),
  networks: z.array(networkFieldsSchema.passthrough()),
  images: z.array(imageFieldsSchema.passthrough()),
  vms: z.array(vmFieldsSchema.passthrough()),
  scripts: z.array(scriptFieldsSchema.passthrough()),
  hosts: z.array(hostFieldsSchema.passthrough()),
  clusters: z.array(clusterFieldsSchema.passthrough()),
  flavors: z.array(flavorFieldsSchema.passthrough()),
  availabilityZones: z.array(availabilityZoneFieldsSchema.passthrough()),
  keyPairs: z.array(keyPairFieldsSchema.passthrough()),
  securityGroups: z.array(securityGroupFieldsSchema.passthrough()),
  securityGroupRules: z.array(securityGroupRuleFieldsSchema.passthrough()),
  slices: z.array(sliceFieldsSchema.passthrough()),
  extensions: z.record(z.string(), z.unknown()),
});
