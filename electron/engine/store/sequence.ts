import type { Database } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

/**
 * Each run has one counter (runs.last_seq) shared by its events and log
 * lines, so a subscriber can order everything it receives. Must be called
 * inside the transaction that writes the numbered rows: the numbers are then
 * gapless and never handed out twice, even with two processes on the file.
 */
export type SeqAllocator = (runId: string, count: number) => number;

export function prepareSeqAllocator(db: Database): SeqAllocator {
  const bump = db.prepare<[number, string], number>('UPDATE runs SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq').pluck();
  /** Returns the first of `count` fresh numbers. */
  return (runId, count) => {
    const last = bump.get(count, runId);
    if (last === undefined) fail('not_found', text('store.runNotFound', { run: runId }));
    return last - count + 1;
  };
}
