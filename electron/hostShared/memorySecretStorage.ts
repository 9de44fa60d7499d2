import type { SecretStorage } from '../../shared/secrets';

/** The secret storage of the web host and the CLI: no OS keyring is available to them, so nothing outlives the process. */
export function createMemorySecretStorage(): SecretStorage {
  const entries = new Map<string, string>();
  return {
    persistent: false,
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, value),
    delete: async (key) => void entries.delete(key),
    keys: async () => [...entries.keys()],
  };
}
