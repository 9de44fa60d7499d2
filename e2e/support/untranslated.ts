import type { Page } from '@playwright/test';
import { engineTextCatalogues } from '../../shared/i18n/engineText';
import { catalogs, type Language } from '../../renderer/src/i18n/translate';

/*
 * The catalogue check over the rendered DOM: on a zh or es page, any visible
 * text that is an English catalogue message (renderer or engine text) was
 * left untranslated. Messages the language spells the same way (VMID,
 * Rackpilot) are not English leftovers; `allowed` lists other words that
 * stay as they are in every language (product names, units).
 */
const allowed = new Set(['Rackpilot', 'Proxmox VE', 'vCenter', 'OpenStack', 'SmartX', 'IP', 'VM', 'VMID', 'ID', 'CSV', 'JSON', 'HTML', 'ISO', 'SHA-256', 'UUID', 'TLS', 'SSH', 'OK']);

const placeholder = /\{\w+\}/g;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface EnglishMessage {
  key: string;
  pattern: RegExp;
}

/** English messages that differ in `language`; templated ones match whatever fills their placeholders. */
function englishLeftovers(language: Exclude<Language, 'en'>): EnglishMessage[] {
  const pairs: Array<[key: string, english: string, translated: string]> = [
    ...Object.entries(catalogs.en).map(([key, english]) => [key, english, catalogs[language][key as keyof typeof catalogs.en]] as [string, string, string]),
    ...Object.entries(engineTextCatalogues.en).map(([key, english]) => [key, english, engineTextCatalogues[language][key as keyof typeof engineTextCatalogues.en]] as [string, string, string]),
  ];
  return pairs
    .filter(([, english, translated]) => english !== translated && !allowed.has(english))
    // Enough English words of its own to tell it apart from data (a lone "{name}" says nothing).
    .filter(([, english]) => (english.replace(placeholder, '').match(/[A-Za-z]{2,}/g) ?? []).join('').length >= 4)
    .map(([key, english]) => ({ key, pattern: new RegExp(`^${english.split(placeholder).map(escapeRegExp).join('.+?')}$`, 's') }));
}

/** Each visible text node of the page and each visible element's aria-label, trimmed. */
function visibleTexts(page: Page, options: { ownLogLines?: boolean } = {}): Promise<string[]> {
  return page.evaluate((ownLogLines) => {
    const doc = (globalThis as unknown as { document: { body: unknown; querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; getClientRects(): ArrayLike<unknown> }>; createTreeWalker(root: unknown, what: number): { nextNode(): { textContent: string | null; parentElement: { getClientRects(): ArrayLike<unknown>; closest(selector: string): unknown } | null } | null } } }).document;
    const walker = doc.createTreeWalker(doc.body, 4);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      // Log lines and <samp> values (a platform's reported state) are what the platforms and tools said, in their words;
      // Rackpilot's own lines (data-words="rackpilot") are read when asked.
      if (text === '' || !parent || parent.getClientRects().length === 0) continue;
      const ownLine = ownLogLines && parent.closest('[data-words="rackpilot"]');
      if (!ownLine && parent.closest('[data-testid="log-viewport"], pre, code, samp')) continue;
      texts.push(text);
    }
    // What a screen reader says is read too.
    for (const element of Array.from(doc.querySelectorAll('[aria-label]'))) {
      if (element.getClientRects().length > 0) texts.push((element.getAttribute('aria-label') ?? '').trim());
    }
    return texts;
  }, options.ownLogLines ?? false);
}

/** `key: text` for every English leftover on the page now. */
export async function untranslatedOnPage(page: Page, language: Exclude<Language, 'en'>): Promise<string[]> {
  const leftovers = englishLeftovers(language);
  const found = new Set<string>();
  for (const text of await visibleTexts(page)) {
    const match = leftovers.find((message) => message.pattern.test(text));
    if (match) found.add(`${match.key}: ${text}`);
  }
  return [...found];
}

/*
 * The stricter check for Chinese: any Latin-script English sentence (three
 * English words in a row) in the visible text, whether or not it is in a
 * catalogue, so engine text that was never given a key fails too. Names a
 * Chinese screen rightly shows in Latin letters (products, the sample plan's
 * own names, units) are taken out first.
 */
const latinNames = [
  'Rackpilot',
  'Proxmox VE',
  'Proxmox',
  'VMware vCenter',
  'vCenter Server',
  'vCenter',
  'OpenStack',
  'SmartX',
  'CloudTower',
  'SMTX OS',
  'API',
  'SHA-256',
  'SHA-1',
  'RACKPILOT_NETWORK_SCOPE',
];
const englishSentence = /\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}\b/;

export function englishSentenceIn(text: string, dataNames: readonly string[] = []): string | null {
  let rest = text;
  for (const name of [...dataNames, ...latinNames].sort((a, b) => b.length - a.length)) rest = rest.split(name).join(' · ');
  return englishSentence.exec(rest)?.[0] ?? null;
}

/** `text` for every visible text with an English sentence in it; `dataNames`: names from the plan (VMs, networks...) a screen shows as they are. */
export async function englishSentencesOnPage(page: Page, dataNames: readonly string[] = []): Promise<string[]> {
  const found = new Set<string>();
  for (const text of await visibleTexts(page, { ownLogLines: true })) {
    if (englishSentenceIn(text, dataNames) !== null) found.add(text);
  }
  return [...found];
}
