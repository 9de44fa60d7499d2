import { createHash } from 'node:crypto';
import type { Keypair } from './cloud';
import type { OsContext } from './context';
import { json, type LabReply, type Route } from './http';
import { atLeast, badRequest, novaError, notFound, type Microversion } from './microversion';
import type { NovaHandler } from './nova';

/*
 * Nova's os-keypairs (nova/api/openstack/compute/keypairs.py, schemas/keypairs.py,
 * nova/crypto.py): import, list, show, delete, for the lab's one user. Create
 * answers 200 before microversion 2.2 and 201 from it, delete 202 then 204,
 * `type` appears from 2.2. Nova can also generate a key pair when no public key
 * is sent (until 2.92); the lab does not: it asks for the public key, as 2.92 does.
 * The key is kept as sent, trailing newline included, as Nova stores it.
 */

// nova/api/validation/validators.py: the keypair_name_20 format (2.1 to 2.91) and keypair_name_292 (from 2.92), in Nova's order.
const digitsAndLetters = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const safeBefore292 = `_- ${digitsAndLetters}`;
const safeFrom292 = `@._- ${digitsAndLetters}`;

/** Nova's InvalidName message for a key pair name, or null when the name passes: `name` (printable, no outer whitespace), then the safe characters. */
function invalidKeypairName(name: string, version: Microversion): string | null {
  const reason = (why: string) => `An invalid 'name' value was provided. The name must be: ${why}`;
  if (/^\s|\s$/.test(name) || /\p{C}/u.test(name)) return reason('printable characters. Can not start or end with whitespace.');
  const safe = atLeast(version, '2.92') ? safeFrom292 : safeBefore292;
  return [...name].every((char) => safe.includes(char)) ? null : reason(`Only expected characters: [${safe}]`);
}

/** Nova's fingerprint of an OpenSSH public key: the MD5 of its key blob, as colon-separated hex (nova.crypto.generate_fingerprint). */
export function sshFingerprint(publicKey: string): string | null {
  const [kind, blob] = publicKey.trim().split(/\s+/);
  if (!kind || !blob || !/^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521))$/.test(kind)) return null;
  const bytes = Buffer.from(blob, 'base64');
  // The blob starts with its own type name (RFC 4253 string): a key pasted wrongly fails here, as in Nova.
  const nameLength = bytes.length >= 4 ? bytes.readUInt32BE(0) : -1;
  if (nameLength <= 0 || bytes.subarray(4, 4 + nameLength).toString('latin1') !== kind) return null;
  return createHash('md5').update(bytes).digest('hex').match(/../g)!.join(':');
}

function keypairView(context: OsContext, keypair: Keypair, version: Microversion, detail: boolean) {
  return {
    name: keypair.name,
    public_key: keypair.publicKey,
    fingerprint: keypair.fingerprint,
    ...(atLeast(version, '2.2') ? { type: keypair.type } : {}),
    ...(detail ? { user_id: context.identity.userId, created_at: keypair.created, updated_at: null, deleted_at: null, deleted: false, id: keypair.id } : {}),
  };
}

export function keypairRoutes(context: OsContext, api: (method: string, path: string, handle: NovaHandler) => Route): Route[] {
  let nextId = 1;
  const gone = (name: string): LabReply => notFound(`Keypair ${name} not found for user ${context.identity.userId}`);
  const create: NovaHandler = async (request, _, version) => {
    const body = (await request.json()) as { keypair?: Record<string, unknown> } | undefined;
    const fields = body?.keypair;
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return badRequest("Invalid input for field/attribute keypair. Value: None. None is not of type 'object'");
    const name = fields.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > 255) return badRequest("Invalid input for field/attribute name. 'name' is a required property");
    const invalidName = invalidKeypairName(name, version);
    if (invalidName) return badRequest(invalidName);
    const type = fields.type ?? 'ssh';
    if (type !== 'ssh' && type !== 'x509') return badRequest(`Invalid input for field/attribute type. Value: ${String(type)}. '${String(type)}' is not one of ['ssh', 'x509']`);
    if (typeof fields.public_key !== 'string') return badRequest("Invalid input for field/attribute keypair. 'public_key' is a required property");
    const fingerprint = type === 'ssh' ? sshFingerprint(fields.public_key) : null;
    if (!fingerprint) return badRequest('Keypair data is invalid: failed to generate fingerprint');
    if (context.cloud.keypairs.has(name)) return novaError(409, 'conflictingRequest', `Key pair '${name}' already exists.`);
    const keypair: Keypair = { id: nextId++, name, publicKey: fields.public_key, fingerprint, type, created: new Date().toISOString().replace('Z', '').replace(/\.\d+$/, '.000000') };
    context.cloud.keypairs.set(name, keypair);
    return json(atLeast(version, '2.2') ? 201 : 200, { keypair: { ...keypairView(context, keypair, version, false), user_id: context.identity.userId } });
  };
  return [
    api('GET', '/os-keypairs', (_, __, version) => json(200, { keypairs: [...context.cloud.keypairs.values()].map((keypair) => ({ keypair: keypairView(context, keypair, version, false) })) })),
    api('POST', '/os-keypairs', create),
    api('GET', '/os-keypairs/{name}', (_, [name], version) => {
      const keypair = context.cloud.keypairs.get(name!);
      return keypair ? json(200, { keypair: keypairView(context, keypair, version, true) }) : gone(name!);
    }),
    api('DELETE', '/os-keypairs/{name}', (_, [name], version) => (context.cloud.keypairs.delete(name!) ? { status: atLeast(version, '2.2') ? 204 : 202 } : gone(name!))),
  ];
}

