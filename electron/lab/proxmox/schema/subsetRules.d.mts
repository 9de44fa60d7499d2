import type { SchemaSubset } from './types';

export const implementedMethods: readonly string[];
export function extractSubset(fullSchema: unknown): SchemaSubset;
export function serializeSubset(subset: SchemaSubset): string;
