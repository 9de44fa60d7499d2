import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { secretKeyOf, targetOfSecretKey, type SecretStorage, type SecretTarget } from '../../../../shared/secrets';
import type { Redactor } from '../../util/redactor';

/**
 * Passwords entered in the UI: in memory for as long as the engine runs,
 * and in the shell's secret storage when the user asks to remember them.
 * Every value goes to the redactor the moment it is known, before any step
 * or error can carry it.
 */
export class SecretVault {
  private readonly entered = new Map<string, string>();

  constructor(
    private readonly redactor: Redactor,
    private readonly storage: SecretStorage | undefined,
  ) {}

  get persistent(): boolean {
    return this.storage?.persistent === true;
  }

  async provide(target: SecretTarget, value: string, remember: boolean): Promise<void> {
    if (remember && !this.persistent) {
      fail('unsupported', text('service.secrets.noKeyring'), {
        hint: text('service.secrets.noKeyringHint'),
      });
    }
    this.redactor.add(value);
    const key = secretKeyOf(target);
    this.entered.set(key, value);
    if (remember) await this.storage!.set(key, value);
  }

  /** Where the target's password is now, entered this session first. */
  async stateOf(target: SecretTarget): Promise<'entered' | 'remembered' | 'missing'> {
    const key = secretKeyOf(target);
    if (this.entered.has(key)) return 'entered';
    return this.persistent && (await this.storage!.get(key)) !== undefined ? 'remembered' : 'missing';
  }

  async find(target: SecretTarget): Promise<string | undefined> {
    const key = secretKeyOf(target);
    const value = this.entered.get(key) ?? (this.persistent ? await this.storage!.get(key) : undefined);
    this.redactor.add(value);
    return value;
  }

  async remembered(): Promise<SecretTarget[]> {
    if (!this.persistent) return [];
    return (await this.storage!.keys()).map(targetOfSecretKey).filter((target) => target !== null);
  }

  async forget(target: SecretTarget): Promise<void> {
    const key = secretKeyOf(target);
    this.entered.delete(key);
    if (this.persistent) await this.storage!.delete(key);
  }
}
