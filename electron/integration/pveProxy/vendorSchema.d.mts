export interface VendoredProperty {
  type?: string;
  enum?: string[];
  optional?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  requires?: string;
  format?: string;
}
export interface VendoredMethod {
  method: string;
  path: string;
  additionalProperties: number;
  properties: Record<string, VendoredProperty>;
}
export const referencePath: string | null;
export const fixturePath: string;
export function vendor(reference: unknown): VendoredMethod[];
export function render(methods: VendoredMethod[]): string;
