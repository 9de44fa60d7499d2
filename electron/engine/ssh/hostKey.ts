import { createHash } from 'node:crypto';
import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import { decideTrust } from '../net/trustDecision';
import type { TrustAnswer } from '../net/types';
import type { HostKeyPrompt, HostKeyStore } from './types';

/** OpenSSH's fingerprint of a host key blob: `SHA256:` and unpadded base64, as `ssh-keygen -l` prints it. */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name that starts every key blob (`ssh-ed25519`, ...). */
export function hostKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  return length > 0 && length <= 64 && keyBlob.length >= 4 + length ? keyBlob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

/** Accepts `SHA256:abc`, `sha256:abc=`, or bare base64; null when it is not a SHA-256 fingerprint. */
export function normalizeHostKeyFingerprint(written: string): string | null {
  const bare = written.trim().replace(/^sha256:/i, '').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]{43}$/.test(bare)) return null;
  return `SHA256:${bare}`;
}

export type HostKeyDecision = 'accept' | 'prompt' | 'refuse-changed' | 'refuse-mismatch';

/**
 * The shared trust decision (net/trustDecision.ts, the one certificates and
 * the Connect screen use), read as what a connection does: the workbook's
 * keys win, then the pins; only a host with neither is asked about. A changed
 * key is never prompted for (possible MITM).
 */
export function decideHostKey(facts: { host: string; port: number; presented: string; expected: readonly string[]; pins: readonly string[] }): HostKeyDecision {
  const state = decideTrust({ presented: facts.presented, expected: facts.expected, pinned: facts.pins });
  switch (state.status) {
    case 'trusted':
      return 'accept';
    case 'unexpected':
      return 'refuse-mismatch';
    case 'changed':
      return 'refuse-changed';
    case 'unknown':
      return 'prompt';
  }
}

export interface PresentedHostKey {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/**
 * Trust on first use for SSH host keys, pinned in the store next to TLS
 * pins (kind 'ssh', per host:port). A question for the same key is asked
 * once even when several connections see it at the same time.
 */
export class HostKeyTrust {
  private readonly trustedOnce = new Set<string>();
  private readonly questions = new Map<string, Promise<TrustAnswer>>();

  constructor(
    private readonly store: HostKeyStore,
    private readonly prompt: HostKeyPrompt | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the key may be used; throws a non-retryable 'tls_untrusted' AppFailure otherwise. */
  async verify(key: PresentedHostKey, expectedFingerprints: readonly string[] = []): Promise<void> {
    const where = `${key.host}:${key.port}`;
    const presented = `${key.keyType} ${key.fingerprint}`;
    const id = `${where.toLowerCase()}|${key.fingerprint}`;
    const expected = expectedFingerprints.map((given) => {
      const normal = normalizeHostKeyFingerprint(given);
      if (!normal) throw untrusted(text('ssh.hostKey.badExpected', { where, given }), text('ssh.hint.badExpected'));
      return normal;
    });
    const stored = this.store.findPins('ssh', key.host, key.port).map((pin) => normalizeHostKeyFingerprint(pin.fingerprint) ?? pin.fingerprint);
    const pins = this.trustedOnce.has(id) ? [...stored, key.fingerprint] : stored;
    const decision = decideHostKey({ host: key.host, port: key.port, presented: key.fingerprint, expected, pins });
    switch (decision) {
      case 'accept':
        return;
      case 'refuse-mismatch':
        throw untrusted(text('ssh.hostKey.mismatch', { where, key: presented }), text('ssh.hint.mismatch'));
      case 'refuse-changed':
        throw untrusted(text('ssh.hostKey.changed', { where, key: presented }), text('ssh.hint.changed'));
      case 'prompt':
        break;
    }
    const prompt = this.prompt;
    if (!prompt) throw untrusted(text('ssh.hostKey.untrusted', { where, key: presented }), text('ssh.hint.trustIt'));
    let question = this.questions.get(id);
    if (!question) {
      question = prompt({ kind: 'ssh', host: key.host, port: key.port, keyType: key.keyType, fingerprint: key.fingerprint });
      this.questions.set(id, question);
      void question.finally(() => this.questions.delete(id)).catch(() => undefined);
    }
    const answer = await question;
    if (answer === 'trust-always') {
      this.store.addPin({ kind: 'ssh', host: key.host, port: key.port, fingerprint: key.fingerprint, subject: key.keyType }, this.now());
    } else if (answer === 'trust-once') {
      this.trustedOnce.add(id);
    } else {
      throw untrusted(text('ssh.hostKey.rejected', { where, key: presented }), text('ssh.hint.askAgain'));
    }
  }
}

function untrusted(title: TextRef, hint: TextRef): AppFailure {
  return new AppFailure(appError('tls_untrusted', title, { hint, retryable: false }));
}
