import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/*
 * vim25 messages as plain objects. Requests are built with XMLBuilder and
 * answers read with XMLParser (no string-made XML, no regex reading):
 * attributes carry the `@_` prefix (`@_type` of a MoRef, `@_xsi:type` of a
 * polymorphic value) and element text is `#text` when attributes sit
 * beside it. Element order follows the WSDL's sequences, as a real vCenter
 * insists on it; JS objects keep insertion order, so specs are written in it.
 */

export interface MoRef {
  type: string;
  value: string;
}

export type XmlNode = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', suppressEmptyNode: false, suppressBooleanAttributes: false });
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Names and ids stay text ("0001" is a name, not 1); readers convert what they know is a number.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: false,
});

export const soapNs = 'http://schemas.xmlsoap.org/soap/envelope/';
export const xsiNs = 'http://www.w3.org/2001/XMLSchema-instance';

/** `<_this type="Folder">group-d1</_this>` and every other managed object reference. */
export const ref = (moref: MoRef): XmlNode => ({ '@_type': moref.type, '#text': moref.value });

/** A value of a derived type where the WSDL names the base (`xsi:type`). */
export const typed = (type: string, fields: XmlNode = {}): XmlNode => ({ '@_xsi:type': type, ...fields });

/** The SOAP envelope of one vim25 call. */
export function envelope(method: string, thisRef: MoRef, args: XmlNode): string {
  const body = { '@_xmlns': 'urn:vim25', _this: ref(thisRef), ...args };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'soapenv:Envelope': { '@_xmlns:soapenv': soapNs, '@_xmlns:xsi': xsiNs, 'soapenv:Body': { [method]: body } },
  }) as string;
}

/** The parsed document, or null when the text is not XML. */
export function parseXml(text: string): XmlNode | null {
  try {
    const parsed = parser.parse(text, true) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as XmlNode) : null;
  } catch {
    return null;
  }
}

/** A child by local name, whatever prefix the peer chose (`soapenv:Body`, `S:Body`, `Body`). */
export function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === name || key.endsWith(`:${name}`)) return value;
  }
  return undefined;
}

/** Repeated elements are an array, a single one an object, none undefined: always a list here. */
export function list(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

export function text(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in node) return text((node as XmlNode)['#text']);
  if (typeof node === 'object' && Object.keys(node).every((key) => key.startsWith('@_'))) return '';
  return null;
}

export function num(node: unknown): number | null {
  const value = text(node);
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

export const bool = (node: unknown): boolean => text(node) === 'true';

export function moref(node: unknown): MoRef | null {
  if (!node || typeof node !== 'object') return null;
  const type = (node as XmlNode)['@_type'];
  const value = text(node);
  return typeof type === 'string' && value ? { type, value } : null;
}

/** The `xsi:type` of a polymorphic value. */
export function xsiType(node: unknown): string | null {
  if (!node || typeof node !== 'object') return null;
  const found = Object.entries(node).find(([key]) => key === '@_xsi:type' || key.endsWith(':type'));
  const value = found?.[1];
  if (typeof value !== 'string') return null;
  return value.includes(':') ? (value.split(':').pop() as string) : value;
}

