export const repoRoot: string;
export const defaultSchemaPath: string;
export const subsetPath: string;
