import { describe, expect, it } from 'vitest';
import { secretKeyOf, targetOfSecretKey } from '../secrets';
import type { ContractHandlers } from './api';
import { channels } from './channels';
import { dispatch } from './dispatch';

const target = { scope: 'endpoint', name: 'pve:1', address: '10.0.0.1', user: 'root@pam' } as const;
const value = 'Kl4r-Text-Passwort';

describe('the secrets channels', () => {
  it('parse a provided password, remember off unless asked, and the jump-host scope for SSH', () => {
    expect(channels['secrets:provide'].request.parse({ target, value })).toEqual({ target, value, remember: false });
    expect(channels['secrets:provide'].request.safeParse({ target: { ...target, scope: 'jumpHost' }, value, remember: true }).success).toBe(true);
    expect(channels['secrets:provide'].request.safeParse({ target, value: '' }).success).toBe(false);
    expect(channels['secrets:needed'].request.safeParse({ runId: 'r1' }).success).toBe(true);
    expect(channels['secrets:needed'].request.safeParse({ plan: { path: '/a.xlsx' } }).success).toBe(true);
  });

  it('never echo the value in the error of a malformed request, and never reach the handler', async () => {
    let reached = false;
    const handlers = { 'secrets:provide': () => ((reached = true), {}) } as unknown as ContractHandlers;
    const malformed = [
      { target, value: value.repeat(1000) },
      { target: { ...target, scope: value }, value },
      { target, value, remember: value },
      { target, value, [value]: value },
      { target: { ...target, extra: value }, value },
    ];
    for (const payload of malformed) {
      const reply = await dispatch(handlers, 'secrets:provide', payload);
      expect(reply.ok).toBe(false);
      expect(JSON.stringify(reply)).not.toContain(value);
    }
    expect(reached).toBe(false);
  });

  it('key a password by scope, name, user and address, and read the key back', () => {
    const key = secretKeyOf(target);
    expect(key).toBe('password:endpoint:pve%3A1:root%40pam:10.0.0.1');
    expect(targetOfSecretKey(key)).toEqual(target);
    expect(targetOfSecretKey('endpoint:pve1:password')).toBeNull();
  });
});
