import {
  defaultPorts,
  endpointKinds,
  sourced,
  type Endpoint,
  type EndpointFields,
  type EndpointKind,
  type Image,
  type ImageFields,
  type JumpHost,
  type JumpHostFields,
  type Network,
  type NetworkFields,
  type Project,
  type ProjectFields,
  type Script,
  type ScriptFields,
  type RowCells,
  type Sourced,
  type Sources,
  type Vm,
  type VmFields,
} from '../../../../shared/plan/model';
import type { RowRecord } from './readSheet';

/*
 * Records -> typed entities. The column list fills every field (with its
 * fallback when a cell is empty or invalid), so these only add what depends
 * on other fields, like an endpoint's default port.
 */

/** The record's own fields object becomes the entity: ten thousand rows, no copies. Its `src`, `origin` and `cells` slots exist already (see freshFields). */
function entity<T>(record: RowRecord): Sourced<T> {
  const result = record.fields as Sourced<T>;
  result.src = record.src as Sources<T>;
  result.origin = record.origin;
  if (record.cells) result.cells = record.cells as RowCells<T>;
  return result;
}

export function toEndpoint(record: RowRecord): Endpoint {
  const endpoint = entity<EndpointFields>(record);
  const kind = endpoint.kind as string;
  if (endpoint.port === null || endpoint.port === undefined) {
    endpoint.port = (endpointKinds as readonly string[]).includes(kind) ? defaultPorts[kind as EndpointKind] : 443;
  }
  return endpoint;
}

export function toJumpHost(record: RowRecord): JumpHost {
  return entity<JumpHostFields>(record);
}

export function toNetwork(record: RowRecord): Network {
  return entity<NetworkFields>(record);
}

export function toImage(record: RowRecord): Image {
  return entity<ImageFields>(record);
}

export function toVm(record: RowRecord): Vm {
  return entity<VmFields>(record);
}

export function toScript(record: RowRecord): Script {
  return entity<ScriptFields>(record);
}

/** Flavors, zones, key pairs, security groups and their rules, slices: the column list fills them entirely. */
export function toOpenstackEntity(record: RowRecord): Sourced<Record<string, unknown>> {
  return entity<Record<string, unknown>>(record);
}

/** The project sheet is optional; without a name the workbook's file name stands in (with no source). */
export function toProject(record: RowRecord | null, fallbackName: string): Project {
  if (!record) {
    return sourced<ProjectFields>({ name: fallbackName, organisation: null, language: null, datacenter: null, notes: null, ntpServers: [], dnsServers: [] });
  }
  const project = entity<ProjectFields>(record);
  if (project.name === null || project.name === '') {
    project.name = fallbackName;
    delete project.src.name;
  }
  return project;
}
