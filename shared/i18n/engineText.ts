import type { Lang } from '../plan/findingCodes';
import { spacedValue } from './chineseSpacing';
import { cliTexts } from './engineCatalogue/cli';
import { cliCommandTexts } from './engineCatalogue/cliCommands';
import { errorTexts } from './engineCatalogue/errors';
import { hostTexts } from './engineCatalogue/host';
import { logTexts } from './engineCatalogue/logs';
import { netTexts } from './engineCatalogue/net';
import { openstackTexts } from './engineCatalogue/openstack';
import { openstackLogTexts } from './engineCatalogue/openstackLogs';
import { outcomeTexts } from './engineCatalogue/outcome';
import { preflightTexts } from './engineCatalogue/preflight';
import { pveTexts } from './engineCatalogue/pve';
import { reportTexts } from './engineCatalogue/report';
import { resultFieldTexts } from './engineCatalogue/resultFields';
import { serviceTexts } from './engineCatalogue/service';
import { smartxTexts } from './engineCatalogue/smartx';
import { smartxLogTexts } from './engineCatalogue/smartxLogs';
import { sshTexts } from './engineCatalogue/ssh';
import { stepTexts } from './engineCatalogue/steps';
import { vmLogTexts } from './engineCatalogue/vmLogs';
import { vsphereTexts } from './engineCatalogue/vsphere';
import { waitTexts } from './engineCatalogue/waits';
import type { TextParam, TextRef } from './textRef';

/*
 * Text the engine makes that a user reads: step titles, the rehearsal mark
 * of a run's name, preflight checks, errors and hints, its own log lines,
 * the CLI's and the reports' words. The engine keeps a key and its
 * parameters (a TextRef) next to the English, and each reader (renderer,
 * CLI, reports, the results workbook) says it in its own language; the
 * English stays for logs and for what was stored before keys existed.
 */

// One part per file, one file per area, so work on one area never touches another's lines.
const parts = [
  stepTexts,
  preflightTexts,
  errorTexts,
  logTexts,
  cliTexts,
  cliCommandTexts,
  reportTexts,
  vmLogTexts,
  outcomeTexts,
  pveTexts,
  vsphereTexts,
  smartxTexts,
  smartxLogTexts,
  resultFieldTexts,
  serviceTexts,
  openstackTexts,
  openstackLogTexts,
  sshTexts,
  netTexts,
  hostTexts,
  waitTexts,
] as const;
type Part = (typeof parts)[number];
type KeysOf<P> = P extends { en: Readonly<Record<infer K, string>> } ? K : never;

export type EngineTextKey = KeysOf<Part>;
export type EngineTextCatalogue = Readonly<Record<EngineTextKey, string>>;
/** A step title's parameters: plain values (the store keeps them as they are). */
export type EngineTextParams = Readonly<Record<string, string | number>>;
export type TextParams = Readonly<Record<string, TextParam>>;
export type { TextParam, TextRef };

function merged(lang: Lang): EngineTextCatalogue {
  return Object.assign({}, ...parts.map((part) => part[lang])) as EngineTextCatalogue;
}

export const engineTextCatalogues: Readonly<Record<Lang, EngineTextCatalogue>> = { en: merged('en'), zh: merged('zh'), es: merged('es') };

export function isEngineTextKey(key: unknown): key is EngineTextKey {
  return typeof key === 'string' && Object.hasOwn(engineTextCatalogues.en, key);
}

/** How a list parameter's parts are said one after another: sentences, or clauses of one sentence (`text.clauses`). Chinese has full-width punctuation and no spaces. */
const sentenceJoiner: Readonly<Record<Lang, string>> = { en: ' ', zh: '', es: ' ' };
const clauseJoiner: Readonly<Record<Lang, string>> = { en: '; ', zh: '；', es: '; ' };
const commaJoiner: Readonly<Record<Lang, string>> = { en: ', ', zh: '，', es: ', ' };

function sayParam(lang: Lang, value: TextParam, joiner: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return (value as readonly TextParam[]).map((part) => sayParam(lang, part, sentenceJoiner[lang])).join(joiner);
  return say(lang, value as TextRef);
}

/** `{name}` placeholders; an unknown one stays visible so a missing parameter is noticed. */
export function engineText(lang: Lang, key: EngineTextKey, params: TextParams = {}): string {
  const template = engineTextCatalogues[lang][key];
  const joiner = key === 'text.clauses' ? clauseJoiner[lang] : key === 'text.commas' ? commaJoiner[lang] : sentenceJoiner[lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) =>
    Object.hasOwn(params, name) ? spacedValue(template, offset, whole.length, sayParam(lang, params[name]!, joiner)) : whole,
  );
}

/** A TextRef in `lang`; a key this build does not know is shown as the key, so it is noticed. */
export function say(lang: Lang, ref: TextRef): string {
  return isEngineTextKey(ref.key) ? engineText(lang, ref.key, ref.params ?? {}) : ref.key;
}

/** The builder engine code uses: a typed key, so a typo or a missing catalogue entry fails the type check. */
export function text(key: EngineTextKey, params?: TextParams): TextRef {
  return params === undefined ? { key } : { key, params };
}

/** Several texts said one after another (sentences of one message). */
export function sentences(...items: ReadonlyArray<TextParam | null | undefined | false>): TextRef {
  return text('text.sentences', { items: items.filter((item): item is TextParam => item !== null && item !== undefined && item !== false) });
}

/** Clauses of one sentence, joined with semicolons. */
export function clauses(items: readonly TextParam[]): TextRef {
  return text('text.clauses', { items });
}

/** Stored English or its TextRef in `lang`: the ref when this build knows its key, else the English. */
export function sayOr(lang: Lang, ref: TextRef | undefined, english: string): string {
  return ref && isEngineTextKey(ref.key) ? say(lang, ref) : english;
}

/** What a step, a graph step or a result row carries about its title. */
export interface TitledText {
  title: string;
  titleKey?: string | undefined;
  titleParams?: Readonly<Record<string, string | number>> | undefined;
}

/** The step's title in `lang`; the stored English when it has no key this build knows. */
export function stepTitle(step: TitledText, lang: Lang): string {
  return isEngineTextKey(step.titleKey) ? engineText(lang, step.titleKey, step.titleParams) : step.title;
}

/** What a run's name is made of: the plan's name, the rehearsal mark, and the environment (the demo names itself). */
export interface NamedRun {
  planName: string;
  rehearsal?: boolean | undefined;
  environment?: string | undefined;
}

/** The demo's English name (`Demo (3 targets)`), read back so that stored demo runs are named in the reader's language. */
const demoName = /^Demo \((\d+) targets\)$/;

/** A run's name in `lang`: the plan's own name, marked when it is a lab rehearsal; the demo's name is Rackpilot's own words. */
export function runName(run: NamedRun, lang: Lang): string {
  const demo = run.environment === 'demo' ? demoName.exec(run.planName) : null;
  if (demo) return engineText(lang, 'run.demo', { targets: Number(demo[1]) });
  return run.rehearsal ? engineText(lang, 'run.rehearsal', { name: run.planName }) : run.planName;
}

/** Just the title fields of a step, to carry its title somewhere else. */
export function titleFieldsOf(step: TitledText): TitledText {
  return { title: step.title, titleKey: step.titleKey, titleParams: step.titleParams };
}

/** `a, b, c and 4 more` as text: names stay as they are, the words are the reader's. */
export function listSomeText(items: readonly string[], max = 5): TextParam {
  if (items.length <= max) return items.join(', ');
  return text('list.more', { items: items.slice(0, max).join(', '), more: items.length - max });
}
