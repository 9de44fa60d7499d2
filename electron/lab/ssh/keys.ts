import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

export interface Ed25519Pair {
  /** OpenSSH private key text. */
  private: string;
  /** `ssh-ed25519 AAAA…` */
  public: string;
  parsedPublic: ParsedKey;
}

/**
 * A fresh ed25519 pair in OpenSSH format. ssh2 1.17's generator drops a
 * leading zero byte of the key now and then (about 1 in 300), leaving a pair
 * its own parser refuses; such a pair is simply made again.
 */
export function generateEd25519(): Ed25519Pair {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    const parsedPublic = utils.parseKey(pair.public);
    if (!(parsedPublic instanceof Error) && !(utils.parseKey(pair.private) instanceof Error)) return { private: pair.private, public: pair.public, parsedPublic };
  }
}
