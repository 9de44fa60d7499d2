import type { SheetDef } from '../columnTypes';
import { jumpHostRefColumn, nameColumn, passwordSynonyms, secretColumn } from './common';

export const jumpHostsSheet: SheetDef = {
  key: 'jumpHosts',
  name: { en: 'Jump hosts', zh: '跳板机', es: 'Hosts de salto' },
  synonyms: ['jumphosts', 'bastions', 'bastion hosts', '堡垒机', 'bastiones', 'saltos'],
  layout: 'table',
  required: false,
  keyField: 'name',
  list: 'jumpHosts',
  help: {
    en: 'SSH hosts Rackpilot tunnels through; a jump host may itself go through another (Via).',
    zh: 'Rackpilot 通过 SSH 隧道经过的主机；跳板机也可以再经由另一台跳板机（经由）。',
    es: 'Hosts SSH por los que Rackpilot crea túneles; uno puede pasar por otro (Vía).',
  },
  columns: [
    nameColumn('bastion1'),
    {
      field: 'address',
      header: { en: 'Address', zh: '地址', es: 'Dirección' },
      synonyms: ['host', 'hostname', 'ip', 'ip address', '主机', 'ip地址', 'direccion'],
      type: { kind: 'string', maxLength: 255 },
      required: true,
      example: '203.0.113.10',
      help: { en: 'Host name or IP address.', zh: '主机名或 IP 地址。', es: 'Nombre de host o IP.' },
    },
    {
      field: 'port',
      header: { en: 'Port', zh: '端口', es: 'Puerto' },
      synonyms: ['ssh port', 'ssh 端口', 'puerto ssh'],
      type: { kind: 'int' },
      default: 22,
      example: 22,
      help: { en: 'SSH port; empty = 22.', zh: 'SSH 端口；留空为 22。', es: 'Puerto SSH; vacío = 22.' },
    },
    {
      field: 'user',
      header: { en: 'User', zh: '用户名', es: 'Usuario' },
      synonyms: ['username', 'user name', 'login', 'ssh user', '用户', '账号', 'ssh 用户名'],
      type: { kind: 'string', maxLength: 255 },
      required: true,
      example: 'ops',
      help: { en: 'SSH user.', zh: 'SSH 用户名。', es: 'Usuario SSH.' },
    },
    secretColumn('password', { en: 'Password', zh: '密码', es: 'Contraseña' }, passwordSynonyms),
    {
      field: 'keyPath',
      header: { en: 'Key file', zh: '密钥文件', es: 'Archivo de clave' },
      synonyms: ['private key', 'ssh key', 'key path', 'key', 'identity file', '私钥', '私钥文件', 'clave privada'],
      type: { kind: 'string', maxLength: 1024 },
      example: 'keys/bastion1',
      help: { en: 'Private key file, relative to the workbook.', zh: '私钥文件，路径相对于工作簿。', es: 'Archivo de clave privada, relativo al libro.' },
    },
    secretColumn('keyPassphrase', { en: 'Key passphrase', zh: '密钥口令', es: 'Frase de la clave' }, ['passphrase', '私钥密码', 'frase de paso']),
    {
      field: 'hostKey',
      header: { en: 'Host key (SHA-256)', zh: '主机密钥 (SHA-256)', es: 'Clave de host (SHA-256)' },
      synonyms: ['host key', 'host fingerprint', 'ssh fingerprint', '主机指纹', 'huella ssh'],
      type: { kind: 'string', maxLength: 200 },
      help: {
        en: 'Expected SSH host key as SHA256:… (ssh-keygen -lf); empty = asked on first connection.',
        zh: '预期的 SSH 主机密钥，格式 SHA256:…（ssh-keygen -lf）；留空则首次连接时询问。',
        es: 'Clave de host SSH esperada como SHA256:… (ssh-keygen -lf); vacío = se pregunta al conectar.',
      },
    },
    jumpHostRefColumn('via'),
  ],
};
