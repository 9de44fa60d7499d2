import type { AttachArtifact } from './attach';
import type { TowerConfigArtifact } from './configure';
import type { IsoArtifact } from './isoUpload';
import type { TowerInput } from './towerPlan';
import type { VmArtifact } from './towerVm';
import type { VerifyResult } from './verify';

export const outputArtifactKey = 'result';

/**
 * The pipeline's outcome for the next stages (cluster configuration) and
 * for the report and the workbook's Results sheet: flat scalars, so every
 * one of them becomes a column value. No token or password is kept.
 */
export interface TowerOutput {
  status: 'SERVICE_READY';
  ip: string;
  baseUrl: string;
  version: string | null;
  organisation: string;
  ntp: string;
  dns: string;
  licenseSerial: string | null;
  licenseType: string | null;
  licenseExpires: string | null;
  isoImageUuid: string | null;
  isoSha256: string | null;
  isoUploadedChunks: number;
  vmName: string;
  vmUuid: string | null;
  storagePolicyUuid: string | null;
  osVersion: string | null;
  guestAgentState: string | null;
  gateway: string | null;
  subnetMask: string | null;
  vdsUuid: string | null;
  vlanUuid: string | null;
  certificateSha256: string | null;
  clusterId: string | null;
}

export interface EarlierResults {
  iso: IsoArtifact | undefined;
  vm: VmArtifact | undefined;
  verify: VerifyResult | undefined;
  configure: TowerConfigArtifact | undefined;
  attach: AttachArtifact | undefined;
}

export function towerOutput(input: TowerInput, earlier: EarlierResults, isoVersion: string | null): TowerOutput {
  const { iso, vm, verify, configure, attach } = earlier;
  return {
    status: 'SERVICE_READY',
    ip: input.ip,
    baseUrl: `https://${input.ip}`,
    version: configure?.version ?? isoVersion,
    organisation: configure?.organisation ?? input.organisation,
    ntp: configure?.ntp ?? input.ntpServers.join(', '),
    dns: configure?.dns ?? input.dnsServers.join(', '),
    licenseSerial: configure?.licenseSerial ?? null,
    licenseType: configure?.licenseType ?? null,
    licenseExpires: configure?.licenseExpires ?? null,
    isoImageUuid: iso?.imageUuid ?? null,
    isoSha256: iso?.sha256 ?? null,
    isoUploadedChunks: iso?.uploadedChunks ?? 0,
    vmName: input.vmName,
    vmUuid: vm?.uuid ?? null,
    storagePolicyUuid: vm?.storagePolicyUuid ?? null,
    osVersion: vm?.osVersion ?? null,
    guestAgentState: vm?.guestAgentState ?? null,
    gateway: input.gateway,
    subnetMask: input.netmask,
    vdsUuid: vm?.vdsUuid ?? null,
    vlanUuid: vm?.vlanUuid ?? null,
    certificateSha256: verify?.fingerprint ?? null,
    clusterId: attach?.clusterId ?? null,
  };
}
