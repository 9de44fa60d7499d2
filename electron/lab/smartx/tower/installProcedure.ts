import type ssh2 from 'ssh2';
import { exec, type ExecResult } from '../../ssh/sshTestKit';
import { failureLinePrefix, installerDeploy, installerPath, successLine } from './scripts';

type SshClient = InstanceType<typeof ssh2.Client>;

export interface InstallObservation {
  preinstall: ExecResult;
  /** Starting the installer in the background (returns at once). */
  start: ExecResult;
  /** nohup.out once it ended with the success or an error line. */
  nohup: string;
  /** The installer run without sudo. */
  unprivileged: ExecResult;
}

/**
 * What the pipeline does on the CloudTower VM, as plain SSH commands: the
 * pre-install checks and the installer in the background with sudo (password
 * on stdin), then nohup.out read until it ends. `root` prefixes the scripts'
 * paths on the real-OpenSSH variant.
 */
export async function observeInstall(client: SshClient, password: string, root = ''): Promise<InstallObservation> {
  const dir = `${root}/usr/share/smartx/tower`;
  const installer = `${root}${installerPath} ${installerDeploy}`;
  const preinstall = await exec(client, `sudo -S -p '' ${dir}/preinstall.sh`, { stdin: `${password}\n` });
  const start = await exec(client, `rm -f nohup.out; sudo -S -p '' sh -c 'nohup ${installer} > nohup.out 2>&1 &'`, { stdin: `${password}\n` });
  let nohup = '';
  const deadline = Date.now() + 20_000;
  while (!nohup.includes(successLine) && !nohup.includes(failureLinePrefix)) {
    if (Date.now() > deadline) throw new Error(`the installer did not finish; nohup.out so far:\n${nohup}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    nohup = (await exec(client, 'cat nohup.out')).stdout;
  }
  // The last line may still be on its way after the keyword: read once more when the installer is done.
  await new Promise((resolve) => setTimeout(resolve, 50));
  nohup = (await exec(client, 'cat nohup.out')).stdout;
  const unprivileged = await exec(client, installer);
  return { preinstall, start, nohup, unprivileged };
}
