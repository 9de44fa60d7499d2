import { describe, expect, it } from 'vitest';
import { memoryTrustStore } from '../net/tlsTestKit';
import { builtInProviders, createProviderRegistry } from './registry';
import type { ProviderRunDeps } from './types';

describe('the provider registry', () => {
  it('refuses two providers for one endpoint kind', () => {
    const [proxmox] = builtInProviders;
    expect(() => createProviderRegistry([{ ...proxmox!, title: 'Another', stepKindNames: [] }])).toThrow(/proxmox has two providers/);
  });

  it('knows each built-in provider by its kinds and by the step kinds it makes', () => {
    const registry = createProviderRegistry();
    const deps = { endpoint: () => { throw new Error('not called'); }, trust: memoryTrustStore(), reservations: {}, environment: 'test:x', workbookDir: '/tmp', plan: {} } as unknown as ProviderRunDeps;
    for (const provider of builtInProviders) {
      for (const kind of provider.kinds) expect(registry.forKind(kind)).toBe(provider);
      expect(Object.keys(provider.stepKinds(deps)).sort()).toEqual([...provider.stepKindNames].sort());
      for (const stepKind of provider.stepKindNames) expect(registry.forStepKind(stepKind)).toBe(provider);
    }
    expect(registry.forKind('smartx')).toBeUndefined();
  });
});
