export const implementedOperations: string[];
export function extractSubset(spec: unknown): { openapi: string; info: unknown; paths: Record<string, { post: any }>; components: { schemas: Record<string, any>; securitySchemes: unknown } };
export function serializeSubset(subset: ReturnType<typeof extractSubset>): string;
