import { resolve } from 'node:path';
import type { Lang } from '../../../../shared/plan/findingCodes';
import { resolveLimits, type WorkbookLimits } from './limits';
import { OpenedWorkbook } from './openedWorkbook';
import { parseInWorker } from './parseInWorker';
import { preflight } from './preflight';

export interface OpenWorkbookOptions {
  limits?: Partial<WorkbookLimits>;
  /** Language of the findings (a failure carries catalogue text, said in each reader's language). */
  lang?: Lang;
  signal?: AbortSignal;
}

/**
 * Opens a workbook for reading, refusing anything that is not a sane .xlsx
 * before any XML is read, then parsing it in a bounded worker thread.
 * Throws AppFailure `workbook_unreadable` (or `cancelled`); never hangs past
 * `limits.parseTimeoutMs`.
 */
export async function openWorkbook(path: string, options: OpenWorkbookOptions = {}): Promise<OpenedWorkbook> {
  const limits = resolveLimits(options.limits);
  const lang = options.lang ?? 'en';
  const absolute = resolve(path);
  await preflight(absolute, limits);
  const raw = await parseInWorker(absolute, limits, { signal: options.signal });
  return new OpenedWorkbook(absolute, raw, limits, lang);
}
