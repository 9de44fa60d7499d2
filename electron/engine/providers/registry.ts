import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { Endpoint } from '../../../shared/plan/model';
import { openstackProvider } from './openstack/provider';
import { proxmoxProvider } from './proxmox/provider';
import { smartxProvider } from './smartx/provider';
import { vsphereProvider } from './vsphere/provider';
import type { Provider } from './types';

/** Every platform this build deploys onto: adding one is a folder next to `proxmox/` and one line here. */
export const builtInProviders: readonly Provider[] = [proxmoxProvider, vsphereProvider, smartxProvider, openstackProvider];

/** Endpoint kinds to providers; the engine asks it and never names a platform. */
export class ProviderRegistry {
  private readonly byKind = new Map<string, Provider>();
  private readonly byStepKind = new Map<string, Provider>();

  constructor(providers: readonly Provider[]) {
    for (const provider of providers) {
      for (const kind of provider.kinds) {
        const other = this.byKind.get(kind);
        if (other) throw new Error(`Endpoint kind ${kind} has two providers: ${other.title} and ${provider.title}.`);
        this.byKind.set(kind, provider);
      }
      for (const stepKind of provider.stepKindNames) {
        const other = this.byStepKind.get(stepKind);
        if (other) throw new Error(`Step kind ${stepKind} belongs to two providers: ${other.title} and ${provider.title}.`);
        this.byStepKind.set(stepKind, provider);
      }
    }
  }

  /** The endpoint kinds this build can deploy onto, sorted (for messages). */
  get kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  get providers(): Provider[] {
    return [...new Set(this.byKind.values())];
  }

  forKind(kind: string): Provider | undefined {
    return this.byKind.get(kind);
  }

  forStepKind(stepKind: string): Provider | undefined {
    return this.byStepKind.get(stepKind);
  }

  /** The provider of an endpoint the caller already knows is supported (validation reported the others). */
  require(endpoint: Endpoint): Provider {
    return this.byKind.get(endpoint.kind) ?? fail('unsupported', text('service.registry.unsupported', { name: endpoint.name, platform: endpoint.kind, platforms: text('text.commas', { items: [...this.kinds] }) }));
  }
}

/**
 * The built-in providers plus any a test (or a future plugin host) brings;
 * one brought for a kind a built-in serves takes that built-in's place
 * (every endpoint kind has a built-in provider now).
 */
export function createProviderRegistry(extra: readonly Provider[] = []): ProviderRegistry {
  const replaced = new Set(extra.flatMap((provider) => provider.kinds));
  return new ProviderRegistry([...builtInProviders.filter((provider) => !provider.kinds.some((kind) => replaced.has(kind))), ...extra]);
}
