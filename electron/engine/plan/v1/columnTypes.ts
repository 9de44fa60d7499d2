/** The OpenStack model lists a sheet may fill. */
export type OpenstackSheetList = 'flavors' | 'availabilityZones' | 'keyPairs' | 'securityGroups' | 'securityGroupRules' | 'slices';

/** The vocabulary of the v1 format's sheet and column definitions (data, read by importer, template and docs). */
export interface Localized {
  en: string;
  zh: string;
  es: string;
}

export const sheetKeys = [
  'project', 'endpoints', 'jumpHosts', 'networks', 'images', 'vms', 'scripts',
  'flavors', 'availabilityZones', 'keyPairs', 'securityGroups', 'securityGroupRules', 'slices',
] as const;
export type SheetKey = (typeof sheetKeys)[number];

export type SizeUnit = 'KiB' | 'MiB' | 'GiB' | 'TiB';

export type ColumnType =
  /** One line of text, trimmed. */
  | { kind: 'string'; maxLength?: number }
  /** Multi-line text kept as written (script bodies). */
  | { kind: 'text' }
  | { kind: 'int' }
  /** Checked by validation (`ip.invalid`), kept as written here. */
  | { kind: 'ip' }
  | { kind: 'cidr' }
  /** SHA-256 certificate fingerprint, stored as upper-case colon hex when well-formed. */
  | { kind: 'fingerprint' }
  /** SHA-256 file checksum, stored as lower-case hex when well-formed. */
  | { kind: 'sha256' }
  /** A size; a bare number means `bareUnit` unless the header names a unit (`Memory (GiB)`). */
  | { kind: 'size'; bareUnit: SizeUnit; unit: SizeUnit; round: 'nearest' | 'up' }
  /** Seconds; `90`, `90s`, `15m`, `1h`. */
  | { kind: 'duration' }
  /** One of `values`, case-insensitive, or an alias; `prefix` accepts `Ubuntu 22.04` for `ubuntu`. */
  | { kind: 'enum'; values: readonly string[]; aliases?: Readonly<Record<string, string>>; prefix?: boolean }
  /** Items separated by commas, semicolons, `、` or line breaks. */
  | { kind: 'list' }
  | { kind: 'secret' }
  /** The name of a row on another sheet (checked by validation); `list` for several, `all` accepted when `allowAll`. */
  | { kind: 'ref'; sheet: SheetKey; list?: boolean; allowAll?: boolean }
  /** yes/no, true/false, 1/0, 是/否, sí/no, x. */
  | { kind: 'bool' };

export type DefaultValue = string | number | boolean | readonly string[] | null;

export interface ColumnDef {
  /** The model field it fills. */
  field: string;
  /** The header the template writes, per language. */
  header: Localized;
  /** Other accepted spellings, in any language (matched case/space/punctuation-insensitively). */
  synonyms?: readonly string[];
  type: ColumnType;
  required?: boolean;
  /** Used when the cell is empty. */
  default?: DefaultValue;
  /** A value the template's example row shows. */
  example?: string | number | boolean;
  help: Localized;
}

export interface SheetDef {
  key: SheetKey;
  /** The sheet name the template writes, per language. */
  name: Localized;
  synonyms?: readonly string[];
  /** `keyValue`: labels in one column, values in the next (the project sheet). */
  layout: 'table' | 'keyValue';
  required: boolean;
  /** The column that names a row; rows where it is empty are skipped. */
  keyField: string;
  /** The model list the rows become (`plan.vms`); null for the project sheet. */
  list: 'endpoints' | 'jumpHosts' | 'networks' | 'images' | 'vms' | 'scripts' | OpenstackSheetList | null;
  columns: readonly ColumnDef[];
  help: Localized;
}
