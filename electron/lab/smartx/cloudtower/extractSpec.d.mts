export const defaultSpecPath: string;
export const subsetPath: string;
