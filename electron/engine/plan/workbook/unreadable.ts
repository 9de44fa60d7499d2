import { fail } from '../../../../shared/errors';
import { engineText, text, type EngineTextKey, type TextParams } from '../../../../shared/i18n/engineText';
import type { Lang } from '../../../../shared/plan/findingCodes';

/*
 * Why a file is refused before (or while) it is parsed. Each reason is an
 * AppFailure `workbook_unreadable` with a title that says what the file is
 * and a hint that says what to do, as catalogue text (host part): each
 * reader says it in its own language, the title keeps the English.
 */
const reasons = {
  missing: ['host.unreadable.missing', 'host.unreadable.missingHint'],
  not_a_file: ['host.unreadable.notAFile', 'host.unreadable.notAFileHint'],
  no_access: ['host.unreadable.noAccess', 'host.unreadable.noAccessHint'],
  empty: ['host.unreadable.empty', 'host.unreadable.hint.copyAgain'],
  too_large: ['host.unreadable.tooLarge', 'host.unreadable.tooLargeHint'],
  csv: ['host.unreadable.csv', 'host.unreadable.hint.saveAsXlsx'],
  ods: ['host.unreadable.ods', 'host.unreadable.hint.saveAsXlsx'],
  xls: ['host.unreadable.xls', 'host.unreadable.hint.saveAsXlsx'],
  xlsb: ['host.unreadable.xlsb', 'host.unreadable.hint.saveAsXlsx'],
  encrypted: ['host.unreadable.encrypted', 'host.unreadable.encryptedHint'],
  ole_other: ['host.unreadable.oleOther', 'host.unreadable.hint.saveAsXlsx'],
  not_zip: ['host.unreadable.notZip', 'host.unreadable.hint.choosePlan'],
  truncated: ['host.unreadable.truncated', 'host.unreadable.hint.copyAgain'],
  zip_corrupt: ['host.unreadable.zipCorrupt', 'host.unreadable.hint.copyAgain'],
  not_xlsx: ['host.unreadable.notXlsx', 'host.unreadable.hint.choosePlan'],
  zip_encrypted: ['host.unreadable.zipEncrypted', 'host.unreadable.hint.saveAsXlsx'],
  too_many_entries: ['host.unreadable.tooManyEntries', 'host.unreadable.hint.bomb'],
  bomb_total: ['host.unreadable.bombTotal', 'host.unreadable.hint.bomb'],
  bomb_ratio: ['host.unreadable.bombRatio', 'host.unreadable.hint.bomb'],
  timeout: ['host.unreadable.timeout', 'host.unreadable.hint.bomb'],
  out_of_memory: ['host.unreadable.outOfMemory', 'host.unreadable.hint.bomb'],
  parse_failed: ['host.unreadable.parseFailed', 'host.unreadable.hint.saveAsXlsx'],
} as const satisfies Record<string, readonly [title: EngineTextKey, hint: EngineTextKey]>;

export type UnreadableReason = keyof typeof reasons;

/** The title and hint of a reason as said in `lang`. */
export function unreadableText(reason: UnreadableReason, params: TextParams, lang: Lang = 'en'): { title: string; hint: string } {
  const [title, hint] = reasons[reason];
  return { title: engineText(lang, title, params), hint: engineText(lang, hint, params) };
}

/** `params` carry the file's name or path and what Node or the reader said, as they were. */
export function unreadable(reason: UnreadableReason, params: TextParams, detail?: string): never {
  const [title, hint] = reasons[reason];
  return fail('workbook_unreadable', text(title, params), detail === undefined ? { hint: text(hint, params) } : { hint: text(hint, params), detail: detail.slice(0, 2000) });
}
