/** A parameter value as the Proxmox API takes it; null/undefined are left out. */
export type ParamValue = string | number | boolean | null | undefined;
export type Params = Record<string, ParamValue>;

/**
 * An API path with every interpolated value percent-encoded as one segment:
 * api`/nodes/${node}/tasks/${upid}/status` keeps a UPID's colons (or a
 * token user's `!`) from being read as path structure.
 */
export function api(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += encodeURIComponent(String(value)) + (strings[index + 1] ?? '');
  });
  return out;
}

/** Form/query encoding as pveproxy reads it: booleans as 1/0, empty values dropped. */
export function encodeParams(params: Params | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    form.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return form;
}
