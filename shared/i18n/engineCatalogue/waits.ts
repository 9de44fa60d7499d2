import { defineTexts } from './types';

/**
 * What a wait or a check was, as a cancelled one names it ("{what} was
 * cancelled."): noun phrases, so each language can put them in its own
 * sentence around the word for cancelled.
 */
export const waitTexts = defineTexts(
  {
    'wait.tunnelReconnect': 'Reconnecting the tunnel',
    'wait.smartxVmRetry': 'The wait before creating VM {vm} again',
    'wait.smartxGuestAgent': 'The wait for the guest agent of {vm}',
    'wait.smartxVerify': 'The wait before checking CloudTower again',
    'wait.smartxJob': 'The wait for job {job}',
    'wait.smartxCluster': 'The wait for cluster {cluster} in CloudTower',
    'wait.pveTask': 'Waiting for task {task}',
    'wait.pveVmStop': 'Waiting for VM {vmid} to stop',
    'wait.pveGuest': 'Waiting for the guest of VM {vmid}',
    'wait.pveLock': 'Waiting for the lock on VM {vmid}',
    'wait.vsphere': 'Waiting for {what}',
    'wait.vsphereGuest': 'Waiting for the guest',
    'wait.fingerprintFor': 'certificate fingerprint for {host}:{port}',
  },
  {
    'wait.tunnelReconnect': '重新连接隧道',
    'wait.smartxVmRetry': '再次创建虚拟机 {vm} 前的等待',
    'wait.smartxGuestAgent': '等待 {vm} 的 guest agent',
    'wait.smartxVerify': '再次检查 CloudTower 前的等待',
    'wait.smartxJob': '等待任务 {job}',
    'wait.smartxCluster': '等待集群 {cluster} 出现在 CloudTower 中',
    'wait.pveTask': '等待任务 {task}',
    'wait.pveVmStop': '等待虚拟机 {vmid} 停止',
    'wait.pveGuest': '等待虚拟机 {vmid} 的客户机',
    'wait.pveLock': '等待虚拟机 {vmid} 的锁',
    'wait.vsphere': '等待 {what}',
    'wait.vsphereGuest': '等待客户机',
    'wait.fingerprintFor': '{host}:{port} 的证书指纹',
  },
  {
    'wait.tunnelReconnect': 'La reconexión del túnel',
    'wait.smartxVmRetry': 'La espera antes de volver a crear la VM {vm}',
    'wait.smartxGuestAgent': 'La espera del agente invitado de {vm}',
    'wait.smartxVerify': 'La espera antes de volver a comprobar CloudTower',
    'wait.smartxJob': 'La espera del trabajo {job}',
    'wait.smartxCluster': 'La espera del clúster {cluster} en CloudTower',
    'wait.pveTask': 'La espera de la tarea {task}',
    'wait.pveVmStop': 'La espera a que se detenga la VM {vmid}',
    'wait.pveGuest': 'La espera del invitado de la VM {vmid}',
    'wait.pveLock': 'La espera del bloqueo de la VM {vmid}',
    'wait.vsphere': 'La espera de {what}',
    'wait.vsphereGuest': 'La espera del invitado',
    'wait.fingerprintFor': 'huella del certificado de {host}:{port}',
  },
);
