import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, exec } from '../../ssh/sshTestKit';
import { TowerTestClient } from '../cloudtower/towerClient';
import { FisheyeTestClient } from '../fisheye/fisheyeClient';
import { startSmartxLab, type SmartxLab } from '../lab';
import { observeInstall } from './installProcedure';
import { successLine } from './scripts';

const open: SmartxLab[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((lab) => lab.close()))));

const towerSsh = { user: 'smartx', password: 'Tower-ssh-1!' };

async function start() {
  const lab = await startSmartxLab({ fisheye: { chunkSize: 4096, latency: { requestMs: 0, jobMs: 20, guestAgentMs: 30 }, preparation: { tower: { sshUser: towerSsh.user, sshPassword: towerSsh.password } } }, cloudtower: { latency: { requestMs: 0, taskMs: 20 } }, installStepSeconds: 0.02 });
  open.push(lab);
  const fisheye = new FisheyeTestClient(lab.smartx);
  await fisheye.login();
  return { lab, fisheye };
}

/** The pipeline's SMTX OS part, in the lab's terms: ISO up, VM created on the VLAN with the ISO, agent up, IP set. */
async function deployTowerVm(fisheye: FisheyeTestClient, ip: string) {
  const iso = randomBytes(10_000);
  const volume = await fisheye.data('POST', `/images/upload/volume?${new URLSearchParams({ name: 'cloudtower-4.6.0.el7.x86_64.iso', size: String(iso.length), device: 'nfs', task_id: 'ct' })}`);
  for (const chunk of volume.to_upload as number[]) await fisheye.uploadChunk(volume, chunk, iso.subarray(chunk * volume.chunk_size, (chunk + 1) * volume.chunk_size));
  const [image] = (await fisheye.data('GET', '/images')).images;
  const [policy] = await fisheye.data('GET', '/storage_policies');
  const [vds] = await fisheye.data('GET', '/network/vds');
  const [vlan] = (await fisheye.data('GET', `/network/vds/${vds.uuid}/vlans`)).entities;
  const { job_id } = await fisheye.data('POST', '/vms', {
    vm_name: 'CloudTower-01',
    vcpu: 8,
    memory: 16 * 1024 ** 3,
    nics: [{ vlan_uuid: vlan.uuid }],
    disks: [{ type: 'disk', size_in_byte: 200 * 1024 ** 3, storage_policy_uuid: policy.uuid }, { type: 'cdrom', path: image.path }],
  });
  const uuid = Object.keys((await fisheye.job(job_id)).resources)[0]!;
  let vm = await fisheye.data('GET', `/vms/${uuid}`);
  while (vm.guest_info.ga_state !== 'Running') vm = await fisheye.data('GET', `/vms/${uuid}`);
  const update = await fisheye.data('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vlan.uuid, mac_address: vm.nics[0].mac_address, ip_address: ip, subnet_mask: '255.255.255.0', gateway: '10.20.0.1' }] });
  expect((await fisheye.job(update.job_id)).state).toBe('done');
  return { sha256: createHash('sha256').update(iso).digest('hex') };
}

describe('SmartX lab: SMTX OS, the CloudTower VM over SSH, CloudTower', () => {
  it('plays the new VM over SSH once its IP is set; the installer brings CloudTower up', async () => {
    const { lab, fisheye } = await start();
    const { sha256 } = await deployTowerVm(fisheye, '10.20.0.50');
    expect(lab.snapshot().smartx.images[0]!.sha256).toBe(sha256);
    const tower = new TowerTestClient(lab.cloudtower);
    await expect(tower.call('create-root-user', { password: 'Tower-Pa55word' })).rejects.toThrow();
    // The engine's rehearsal convention: user@vmname on the SSH lab's port; the address works as well.
    const client = await connect(lab.ssh, { username: `${towerSsh.user}@cloudtower-01`, password: towerSsh.password });
    const observed = await observeInstall(client, towerSsh.password);
    expect(observed.preinstall).toMatchObject({ code: 0, stdout: expect.stringContaining('Preinstall check passed') });
    expect(observed.start.code).toBe(0);
    expect(observed.nohup.trim().split('\n').at(-1)).toBe(successLine);
    expect(observed.unprivileged.code).toBe(1);
    expect(lab.cloudtower.installed()).toBe(true);
    expect(lab.cloudtower.snapshot().install).toMatchObject({ kind: 'installed', address: '10.20.0.50', version: '4.6.0' });
    expect((await tower.call('create-root-user', { password: 'Tower-Pa55word' })).status).toBe(200);
    // DNS and NTP as the design writes them, over SSH; CloudTower reads the NTP back.
    const byAddress = await connect(lab.ssh, { username: `${towerSsh.user}@10.20.0.50`, password: towerSsh.password });
    const written = await exec(byAddress, `sudo -S -p '' sh -c 'echo "nameserver 10.20.0.2" > /etc/resolv.conf; echo "server 10.20.0.3 iburst" >> /etc/chrony.conf'`, { stdin: `${towerSsh.password}\n` });
    expect(written.code).toBe(0);
    expect(lab.ssh.files('cloudtower-01').read('/etc/resolv.conf').toString()).toBe('nameserver 10.20.0.2\n');
    await tower.login('Tower-Pa55word');
    expect(await tower.ok('get-ntp-service-url')).toEqual({ ntp_service_url: '10.20.0.3' });
    // connect-cluster reaches the SMTX OS lab through the link.
    const [connected] = await tower.ok('connect-cluster', [{ ip: '127.0.0.1', username: lab.smartx.endpoint.username, password: lab.smartx.endpoint.password }]);
    expect((await tower.task(connected.task_id)).status).toBe('SUCCESSED');
    expect((await tower.ok('get-clusters', {}))[0]).toMatchObject({ name: 'smtx-cluster', connect_state: 'CONNECTED' });
    // Rollback: the VM deleted, its machine leaves the network and CloudTower with it.
    const [vm] = (await fisheye.data('GET', '/vms')).entities;
    await fisheye.job((await fisheye.data('POST', `/vms/${vm.uuid}/stop`, { force: true })).job_id);
    expect((await fisheye.job((await fisheye.data('DELETE', `/vms/${vm.uuid}`)).job_id)).state).toBe('done');
    expect(lab.cloudtower.installed()).toBe(false);
    await expect(connect(lab.ssh, { username: `${towerSsh.user}@cloudtower-01`, password: towerSsh.password })).rejects.toThrow();
  });

  it('ends the installer with its error line under installFails, and CloudTower stays down', async () => {
    const { lab, fisheye } = await start();
    await deployTowerVm(fisheye, '10.20.0.51');
    // The fault may come after the VM exists; the lab arms the installer then.
    lab.smartx.faults.add([{ kind: 'installFails', message: 'disk too small' }]);
    const client = await connect(lab.ssh, { username: `${towerSsh.user}@cloudtower-01`, password: towerSsh.password });
    const observed = await observeInstall(client, towerSsh.password);
    expect(observed.nohup.trim().split('\n').at(-1)).toBe('ERROR: Install Operation Center Failed: disk too small');
    expect(observed.nohup).not.toContain(successLine);
    expect(lab.cloudtower.installed()).toBe(false);
  });

  it('reset forgets the VM host and CloudTower goes back to not installed', async () => {
    const { lab, fisheye } = await start();
    await deployTowerVm(fisheye, '10.20.0.52');
    await lab.reset();
    await expect(connect(lab.ssh, { username: `${towerSsh.user}@cloudtower-01`, password: towerSsh.password })).rejects.toThrow();
    expect(lab.cloudtower.installed()).toBe(false);
  });
});
