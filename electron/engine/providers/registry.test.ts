import { describe, expect, it } from 'vitest';
import { endpointKinds } from '../../../shared/plan/model';
import { memoryTrustStore } from '../net/tlsTestKit';
import { builtInProviders, createProviderRegistry, ProviderRegistry } from './registry';
import type { ProviderRunDeps } from './types';

describe('the provider registry', () => {
  it('refuses two providers for one endpoint kind', () => {
    const [proxmox] = builtInProviders;
    expect(() => new ProviderRegistry([...builtInProviders, { ...proxmox!, title: 'Another', stepKindNames: [] }])).toThrow(/proxmox has two providers/);
  });

  it('lets a provider brought from outside take the place of the built-in one of its kind', () => {
    const [proxmox] = builtInProviders;
    const other = { ...proxmox!, title: 'Another' };
    const registry = createProviderRegistry([other]);
    expect(registry.forKind('proxmox')).toBe(other);
    expect(registry.providers).not.toContain(proxmox);
  });

  it('knows each built-in provider by its kinds and by the step kinds it makes', () => {
    const registry = createProviderRegistry();
    const deps = { endpoint: () => { throw new Error('not called'); }, trust: memoryTrustStore(), reservations: {}, environment: 'test:x', workbookDir: '/tmp', plan: {} } as unknown as ProviderRunDeps;
    for (const provider of builtInProviders) {
      for (const kind of provider.kinds) expect(registry.forKind(kind)).toBe(provider);
      expect(Object.keys(provider.stepKinds(deps)).sort()).toEqual([...provider.stepKindNames].sort());
      for (const stepKind of provider.stepKindNames) expect(registry.forStepKind(stepKind)).toBe(provider);
    }
    // Every endpoint kind of the plan format has its provider.
    expect(registry.kinds).toEqual([...endpointKinds].sort());
  });
});
