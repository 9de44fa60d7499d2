/** The shapes of the Proxmox API viewer schema that the lab reads (descriptions dropped). */

export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'any';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PropSchema {
  type?: SchemaType;
  /** A named format (`pve-node`) or an inline property-string format (`net[n]`). */
  format?: string | Record<string, PropSchema>;
  enum?: string[];
  pattern?: string;
  minimum?: number | string;
  maximum?: number | string;
  minLength?: number;
  maxLength?: number;
  optional?: 0 | 1;
  default?: unknown;
  default_key?: 0 | 1;
  alias?: string;
  keyAlias?: string;
  requires?: string;
  format_description?: string;
  properties?: Record<string, PropSchema>;
  additionalProperties?: 0 | 1 | PropSchema;
  items?: PropSchema;
  $ref?: string;
}

/** `["perm", "/vms/{vmid}", ["VM.Audit"], "any", 1]`, or `["and"|"or", ...checks]`. */
export type PermissionCheck = readonly unknown[];

export interface MethodPermissions {
  user?: 'all' | 'world';
  check?: PermissionCheck;
  description?: string;
}

export interface MethodSchema {
  method: HttpMethod;
  path: string;
  name: string;
  protected: number;
  allowtoken: number;
  permissions: MethodPermissions | null;
  parameters: PropSchema;
  returns: PropSchema | null;
}

export interface SchemaSubset {
  source: string;
  methods: MethodSchema[];
  defs: Record<string, PropSchema>;
}
