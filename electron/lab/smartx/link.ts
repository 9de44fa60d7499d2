import type { HostContext } from '../ssh/shell/context';
import type { SshLab } from '../ssh/server';
import type { CloudTowerLab } from './cloudtower/server';
import type { Nic, Vm } from './fisheye/cluster';
import type { FisheyeLab } from './fisheye/server';
import { ntpServersOf, setInstallFailure, watchInstalled, writeTowerProfile } from './tower/profile';

export interface LinkOptions {
  /** Seconds between the installer's progress lines. */
  installStepSeconds: number;
}

const defaultInstallFailure = 'service cloudtower-server failed to start (exit code 1)';

/**
 * Wires the three simulators the way the machines are wired in a data
 * centre, inside the lab (never through the engine):
 *   VM address set on SMTX OS -> the SSH lab plays that VM (user@vmname, or the IP)
 *   installer finished on it  -> CloudTower answers
 *   connect-cluster           -> checked against the SMTX OS lab's VIP and account
 * Returns the hook SMTX OS calls and an unlink for close().
 */
export function linkSmartx(parts: { ssh: SshLab; cloudtower: CloudTowerLab; fisheye: () => FisheyeLab }, options: LinkOptions) {
  const towerHosts = new Map<string, HostContext>();
  const stopWatching: (() => void)[] = [];
  const installFailure = () => {
    const fault = parts.fisheye().fault('installFails');
    return fault ? (fault.message ?? defaultInstallFailure) : null;
  };

  const addressConfigured = (vm: Vm, nic: Nic) => {
    const fisheye = parts.fisheye();
    const { tower } = fisheye.preparation();
    const name = vm.vm_name.toLowerCase();
    const user = { name: tower.sshUser, password: tower.sshPassword ?? fisheye.endpoint.password, sudo: 'password' };
    let host: HostContext;
    try {
      host = parts.ssh.attachHost({ name, addresses: [nic.ip_address!] }, [user]);
    } catch {
      // A VM name the SSH lab cannot use as a host name is still reachable by its address.
      host = parts.ssh.attachHost({ name: nic.ip_address!, addresses: [] }, [user]);
    }
    if (towerHosts.get(name) === host) return;
    towerHosts.set(name, host);
    writeTowerProfile(host.files, { stepSeconds: options.installStepSeconds, failure: installFailure(), nameservers: [nic.gateway ?? '127.0.0.53'] });
    stopWatching.push(watchInstalled(host.files, () => parts.cloudtower.markInstalled(nic.ip_address!)));
  };

  parts.cloudtower.link({
    verifyCluster: (ip, username, password) => {
      const fisheye = parts.fisheye();
      const { cluster, hosts } = fisheye.preparation();
      if (ip !== cluster.vip) return { ok: false, reason: `LOAD_CLUSTER_NETWORK_ERROR: no SMTX OS cluster answers at ${ip}` };
      if (username !== fisheye.endpoint.username || password !== fisheye.endpoint.password) return { ok: false, reason: 'LOAD_CLUSTER_UNAUTHORIZED: the cluster refused the username or password' };
      return { ok: true, name: cluster.name, version: '6.1.0', hostNum: hosts.length };
    },
    ntpServers: () => [...towerHosts.values()].flatMap((host) => ntpServersOf(host.files)).slice(0, 4),
  });

  const vmDeleted = (vm: Vm) => {
    const name = vm.vm_name.toLowerCase();
    const host = towerHosts.get(name);
    if (!host) return;
    towerHosts.delete(name);
    void parts.ssh.detachHost(host.name);
    parts.cloudtower.uninstall();
  };

  return {
    addressConfigured,
    vmDeleted,
    /** The installFails fault changed: arm or disarm every CloudTower VM's installer. */
    faultsChanged: () => {
      for (const host of towerHosts.values()) setInstallFailure(host.files, installFailure());
    },
    /** After a reset: the VMs are gone, so are their hosts. */
    forget: () => {
      for (const stop of stopWatching.splice(0)) stop();
      towerHosts.clear();
    },
  };
}
