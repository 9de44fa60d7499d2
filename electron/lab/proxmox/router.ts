import type { HttpMethod, MethodSchema } from './schema/types';

export interface RouteMatch {
  method: MethodSchema;
  pathParams: Record<string, string>;
}

interface CompiledPath {
  template: string;
  regex: RegExp;
  names: string[];
  methods: Map<HttpMethod, MethodSchema>;
}

/**
 * Matches `/nodes/pve1/qemu/100/config` against the schema's templates
 * (`/nodes/{node}/qemu/{vmid}/config`). Literal segments win over variables,
 * as in PVE's handler lookup.
 */
export class Router {
  private readonly paths: CompiledPath[] = [];

  constructor(methods: readonly MethodSchema[]) {
    const byTemplate = new Map<string, CompiledPath>();
    for (const method of methods) {
      let compiled = byTemplate.get(method.path);
      if (!compiled) {
        const names: string[] = [];
        const source = method.path
          .split('/')
          .map((segment) => {
            const variable = /^\{([^}]+)\}$/.exec(segment);
            if (!variable) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(variable[1] as string);
            return '([^/]+)';
          })
          .join('/');
        compiled = { template: method.path, regex: new RegExp(`^${source}$`), names, methods: new Map() };
        byTemplate.set(method.path, compiled);
        this.paths.push(compiled);
      }
      compiled.methods.set(method.method, method);
    }
    // Fewer variables first, so /status/current beats a hypothetical /status/{x}.
    this.paths.sort((a, b) => a.names.length - b.names.length);
  }

  /** null when the path or the method is not implemented (both answer 501). */
  match(method: string, path: string): RouteMatch | null {
    for (const compiled of this.paths) {
      const found = compiled.regex.exec(path);
      if (!found) continue;
      const schema = compiled.methods.get(method as HttpMethod);
      if (!schema) return null;
      const pathParams: Record<string, string> = {};
      compiled.names.forEach((name, index) => {
        pathParams[name] = safeDecode(found[index + 1] as string);
      });
      return { method: schema, pathParams };
    }
    return null;
  }

  templates(): string[] {
    return this.paths.flatMap((compiled) => [...compiled.methods.keys()].map((method) => `${method} ${compiled.template}`));
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
