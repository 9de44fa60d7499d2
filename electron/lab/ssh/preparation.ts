import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

export type SudoRule = 'password' | 'nopasswd' | 'none';

export interface GuestUser {
  name: string;
  password?: string;
  /** Parsed authorized keys: the wire blob of each, for comparison with what a client offers. */
  publicKeys: ParsedKey[];
  sudo: SudoRule;
}

export interface PretendHost {
  name: string;
  /** The name and every address a session or tunnel may use for it. */
  addresses: string[];
}

export interface SshPreparation {
  users: GuestUser[];
  hosts: PretendHost[];
}

const userName = /^[A-Za-z_][A-Za-z0-9._-]{0,31}$/;
const hostName = /^[A-Za-z0-9][A-Za-z0-9.:_-]{0,252}$/;
const maxUsers = 256;
const maxHosts = 1024;

function refuse(field: string, problem: string): never {
  throw new Error(`ssh lab: ${field} ${problem}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One authorized_keys line, with any leading options (`from="…",no-pty`) skipped as sshd reads them. */
export function parseAuthorizedKey(line: string): ParsedKey | null {
  const fields = line.trim().split(/\s+/);
  for (let start = 0; start < Math.min(fields.length, 2); start++) {
    const parsed = utils.parseKey(fields.slice(start).join(' '));
    if (!(parsed instanceof Error) && !Array.isArray(parsed) && parsed.isPrivateKey() === false) return parsed;
  }
  return null;
}

export function parseUser(value: unknown, field: string): GuestUser {
  if (!isRecord(value)) refuse(field, 'must be an object {name, password?, publicKeys?, sudo?}');
  const { name, password, publicKeys, sudo } = value;
  if (typeof name !== 'string' || !userName.test(name)) refuse(`${field}.name`, 'must be a user name like "ubuntu" (letters, digits, . _ -; at most 32)');
  if (password !== undefined && (typeof password !== 'string' || password.length === 0 || password.length > 1024)) refuse(`${field}.password`, 'must be a non-empty string');
  if (publicKeys !== undefined && (!Array.isArray(publicKeys) || publicKeys.length > 64)) refuse(`${field}.publicKeys`, 'must be a list of authorized_keys lines');
  const keys = ((publicKeys ?? []) as unknown[]).map((line, index) => {
    const parsed = typeof line === 'string' && line.length < 16_384 ? parseAuthorizedKey(line) : null;
    return parsed ?? refuse(`${field}.publicKeys[${index}]`, 'is not an OpenSSH public key line ("ssh-ed25519 AAAA… comment")');
  });
  if (sudo !== undefined && sudo !== 'password' && sudo !== 'nopasswd' && sudo !== 'none') refuse(`${field}.sudo`, 'must be "password", "nopasswd" or "none"');
  return { name, ...(password !== undefined ? { password } : {}), publicKeys: keys, sudo: sudo ?? 'password' };
}

export function parseHost(value: unknown, field: string): PretendHost {
  const checkName = (candidate: unknown, where: string): string =>
    typeof candidate === 'string' && hostName.test(candidate) ? candidate.toLowerCase() : refuse(where, 'must be a host name or IP address');
  if (typeof value === 'string') return { name: checkName(value, field), addresses: [checkName(value, field)] };
  if (!isRecord(value)) refuse(field, 'must be a name or an object {name, addresses?}');
  const name = checkName(value.name, `${field}.name`);
  if (value.addresses !== undefined && (!Array.isArray(value.addresses) || value.addresses.length > 16)) refuse(`${field}.addresses`, 'must be a list of addresses');
  const addresses = ((value.addresses ?? []) as unknown[]).map((address, index) => checkName(address, `${field}.addresses[${index}]`));
  return { name, addresses: [...new Set([name, ...addresses])] };
}

/** Checks what a rehearsal hands the lab; refuses with the field at fault. */
export function parsePreparation(preparation: unknown): SshPreparation {
  if (!isRecord(preparation)) refuse('preparation', 'must be an object {users, hosts?}');
  const { users, hosts } = preparation;
  if (!Array.isArray(users) || users.length === 0 || users.length > maxUsers) refuse('users', `must be a list of 1 to ${maxUsers} users`);
  const parsedUsers = users.map((user, index) => parseUser(user, `users[${index}]`));
  const seenUsers = new Set<string>();
  parsedUsers.forEach((user, index) => {
    if (seenUsers.has(user.name)) refuse(`users[${index}].name`, `repeats "${user.name}"`);
    seenUsers.add(user.name);
  });
  if (hosts !== undefined && (!Array.isArray(hosts) || hosts.length > maxHosts)) refuse('hosts', `must be a list of at most ${maxHosts} hosts`);
  const parsedHosts = ((hosts ?? []) as unknown[]).map((host, index) => parseHost(host, `hosts[${index}]`));
  const owners = new Map<string, string>();
  parsedHosts.forEach((host, index) => {
    for (const address of host.addresses) {
      const owner = owners.get(address);
      if (owner !== undefined && owner !== host.name) refuse(`hosts[${index}]`, `claims "${address}", already ${owner}'s`);
      owners.set(address, host.name);
    }
  });
  return { users: parsedUsers, hosts: parsedHosts };
}
