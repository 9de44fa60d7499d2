/*
 * The shapes a secret takes once some layer has encoded it: a URL or a form
 * body, a JSON string (or JSON inside JSON), a Basic auth header or any other
 * base64 text. Each form is matched as plain text, so redaction stays one
 * pass of one pattern over the text.
 */

/**
 * Base64 fragments shorter than this are not looked for: they would match
 * unrelated base64 text. In practice a secret of 5 characters or more is
 * found in base64 at every alignment.
 */
export const minBase64Fragment = 6;

const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);
const lowerPercent = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const formEncoded = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);
const urlSafe = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 characters that depend on the secret's bytes alone, for each of
 * the three positions its first byte can take in a 3-byte group. Base64 of
 * `user:password`, or of a longer text containing the secret, contains one of them.
 */
export function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i covers bits 6i..6i+5; keep those lying wholly inside the secret's bits.
    const fragment = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (fragment.length >= minBase64Fragment) fragments.push(fragment, urlSafe(fragment));
  }
  return fragments;
}

/** The secret itself first, then every encoded form that differs from it. */
export function secretForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const form = formEncoded(secret);
  const json = jsonEscaped(secret);
  const forms = [secret, url, lowerPercent(url), form, lowerPercent(form), json, jsonEscaped(json), ...base64Fragments(secret)];
  return [...new Set(forms)];
}
