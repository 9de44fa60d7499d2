import type { FileStore } from '../../ssh/fileStore';
import { failMarkerPath, failureLine, installedMarkerPath, installerPath, installerScript, preinstallPath, preinstallScript } from './scripts';

export interface TowerProfileOptions {
  stepSeconds: number;
  /** The installFails fault's reason when it is in force at install time; null to install. */
  failure: string | null;
  /** The VM's DNS and NTP as SMTX OS set them up (before the pipeline writes its own). */
  nameservers: string[];
}

/** What a fresh CloudTower VM holds for the pipeline: the ISO's two scripts and writable DNS/NTP configuration. */
export function writeTowerProfile(files: FileStore, options: TowerProfileOptions): void {
  const write = (path: string, text: string, mode: number) => {
    files.create(path, true);
    files.append(path, Buffer.from(text));
    files.chmod(path, mode);
  };
  write(preinstallPath, preinstallScript({ stepSeconds: options.stepSeconds }), 0o755);
  write(installerPath, installerScript({ stepSeconds: options.stepSeconds }), 0o755);
  write('/etc/resolv.conf', options.nameservers.map((server) => `nameserver ${server}\n`).join(''), 0o644);
  write('/etc/chrony.conf', 'driftfile /var/lib/chrony/drift\nmakestep 1.0 3\n', 0o644);
  setInstallFailure(files, options.failure);
}

/** Arms or disarms the installer's failure (the fault may be added or removed after the VM exists). */
export function setInstallFailure(files: FileStore, reason: string | null): void {
  if (reason === null) {
    if (files.stat(failMarkerPath)) files.remove(failMarkerPath);
    return;
  }
  files.create(failMarkerPath, true);
  files.append(failMarkerPath, Buffer.from(`${failureLine(reason)}\n`));
}

/** `server ADDRESS ...` lines of /etc/chrony.conf, as CloudTower would read them back. */
export function ntpServersOf(files: FileStore): string[] {
  if (!files.stat('/etc/chrony.conf')) return [];
  return files
    .read('/etc/chrony.conf')
    .toString('utf8')
    .split('\n')
    .flatMap((line) => /^\s*(?:server|pool)\s+(\S+)/.exec(line)?.[1] ?? []);
}

/** Calls `installed` once the installer has written its marker. */
export function watchInstalled(files: FileStore, installed: () => void): () => void {
  return files.watch(installedMarkerPath, () => {
    if (files.stat(installedMarkerPath)?.kind === 'file') installed();
  });
}
