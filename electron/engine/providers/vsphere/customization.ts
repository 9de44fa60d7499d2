import type { VsVmInput } from './vmSpec';
import { typed, type XmlNode } from './xml';

/** Clear values read from the plan when the step runs; never logged, never stored. */
export interface GuestSecrets {
  adminPassword: string | null;
  productKey: string | null;
  domainPassword: string | null;
}

/** vSphere's Linux customization wants a domain; `localdomain` is what the guest would have anyway. */
const defaultLinuxDomain = 'localdomain';

/** The computer name sysprep accepts: at most 15 characters (NetBIOS). */
export const windowsComputerName = (name: string): string => name.slice(0, 15);

function ipSettings(input: VsVmInput): XmlNode {
  const fixed = input.ip !== null;
  return {
    ip: fixed ? typed('CustomizationFixedIp', { ipAddress: input.ip }) : typed('CustomizationDhcpIpGenerator'),
    ...(fixed && input.subnetMask ? { subnetMask: input.subnetMask } : {}),
    ...(fixed && input.gateway ? { gateway: [input.gateway] } : {}),
    ...(fixed && input.dns.length > 0 ? { dnsServerList: input.dns } : {}),
    ...(input.domain ? { dnsDomain: input.domain } : {}),
  };
}

function linuxIdentity(input: VsVmInput): XmlNode {
  return typed('CustomizationLinuxPrep', {
    hostName: typed('CustomizationFixedName', { name: input.name }),
    domain: input.domain ?? defaultLinuxDomain,
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    hwClockUTC: true,
  });
}

/**
 * Sysprep: computer name, time zone (Microsoft's index; 85 = GMT when the
 * plan names none), product key, and a domain join when the plan gives the
 * account, else the workgroup.
 */
function windowsIdentity(input: VsVmInput, secrets: GuestSecrets): XmlNode {
  const joinDomain = input.domain !== null && input.domainUser !== null;
  return typed('CustomizationSysprep', {
    guiUnattended: {
      ...(secrets.adminPassword ? { password: { value: secrets.adminPassword, plainText: true } } : {}),
      timeZone: input.timeZone && /^\d+$/.test(input.timeZone) ? Number(input.timeZone) : 85,
      autoLogon: false,
      autoLogonCount: 0,
    },
    userData: {
      fullName: 'Rackpilot',
      orgName: 'Rackpilot',
      computerName: typed('CustomizationFixedName', { name: windowsComputerName(input.name) }),
      productId: secrets.productKey ?? '',
    },
    identification: joinDomain
      ? { joinDomain: input.domain, domainAdmin: input.domainUser, ...(secrets.domainPassword ? { domainAdminPassword: { value: secrets.domainPassword, plainText: true } } : {}) }
      : { joinWorkgroup: input.workgroup ?? 'WORKGROUP' },
  });
}

/** The CustomizationSpec of `CustomizeVM_Task`, one adapter mapping per NIC the VM has (vCenter refuses any other count). */
export function customizationSpec(input: VsVmInput, secrets: GuestSecrets, nicCount: number): XmlNode {
  const windows = input.os === 'windows';
  const adapters = Array.from({ length: Math.max(1, nicCount) }, (_, index) => ({ adapter: index === 0 ? ipSettings(input) : { ip: typed('CustomizationDhcpIpGenerator') } }));
  return {
    options: windows ? typed('CustomizationWinOptions', { changeSID: true, deleteAccounts: false }) : typed('CustomizationLinuxOptions'),
    identity: windows ? windowsIdentity(input, secrets) : linuxIdentity(input),
    globalIPSettings: {
      ...(input.domain ? { dnsSuffixList: [input.domain] } : {}),
      ...(input.dns.length > 0 ? { dnsServerList: input.dns } : {}),
    },
    nicSettingMap: adapters,
  };
}
