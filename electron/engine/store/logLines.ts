import type { Database, Statement } from 'better-sqlite3';
import { logLevels, type LogLevel, type LogLine } from '../../../shared/runModel';
import { toLogLine, type LogRow } from './rows';
import { clampLimit } from './runs';
import { prepareSeqAllocator, type SeqAllocator } from './sequence';
import type { LogQuery, NewLogLine } from './types';

interface LogParams {
  runId: string;
  afterSeq: number;
  levels: string;
  limit: number;
  stepId?: string;
}

const allLevels = JSON.stringify(logLevels);

/** The levels at or above `minLevel`, as the JSON array the queries filter with. */
function levelsFrom(minLevel: LogLevel | undefined): string {
  if (minLevel === undefined) return allLevels;
  return JSON.stringify(logLevels.slice(logLevels.indexOf(minLevel)));
}

/**
 * Log lines are the store's hot path: the runner's output arrives in batches
 * of about a thousand lines, each batch one transaction, numbered from the
 * run's shared sequence counter with one counter update per run per batch.
 */
export class LogLines {
  private readonly allocate: SeqAllocator;
  private readonly insert: Statement<[string, number, string | null, string, number, string, string | null]>;
  private readonly selectAll: Statement<LogParams, LogRow>;
  private readonly selectStep: Statement<LogParams, LogRow>;
  private readonly appendTx: (lines: readonly NewLogLine[]) => Map<string, LogLine[]>;

  constructor(db: Database) {
    this.allocate = prepareSeqAllocator(db);
    this.insert = db.prepare('INSERT INTO log_lines (run_id, seq, step_id, level, at, text, text_ref_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const select = (stepFilter: string) =>
      db.prepare<LogParams, LogRow>(
        `SELECT seq, step_id, level, at, text, text_ref_json FROM log_lines
         WHERE run_id = @runId ${stepFilter} AND seq > @afterSeq AND level IN (SELECT value FROM json_each(@levels))
         ORDER BY seq LIMIT @limit`,
      );
    // Two statements rather than "@stepId IS NULL OR ...", so the per-step query uses its index.
    this.selectAll = select('');
    this.selectStep = select('AND step_id = @stepId');
    this.appendTx = db.transaction((lines: readonly NewLogLine[]) => this.insertAll(lines));
  }

  append(lines: readonly NewLogLine[]): Map<string, LogLine[]> {
    if (lines.length === 0) return new Map();
    return this.appendTx(lines);
  }

  query(runId: string, query: LogQuery): { lines: LogLine[]; hasMore: boolean } {
    const limit = clampLimit(query.limit);
    const params: LogParams = { runId, afterSeq: query.afterSeq ?? 0, levels: levelsFrom(query.minLevel), limit: limit + 1 };
    const rows = query.stepId === undefined ? this.selectAll.all(params) : this.selectStep.all({ ...params, stepId: query.stepId });
    const hasMore = rows.length > limit;
    return { lines: (hasMore ? rows.slice(0, limit) : rows).map(toLogLine), hasMore };
  }

  private insertAll(lines: readonly NewLogLine[]): Map<string, LogLine[]> {
    const byRun = new Map<string, NewLogLine[]>();
    for (const line of lines) {
      const group = byRun.get(line.runId);
      if (group) group.push(line);
      else byRun.set(line.runId, [line]);
    }
    const stored = new Map<string, LogLine[]>();
    for (const [runId, group] of byRun) {
      let seq = this.allocate(runId, group.length);
      const out: LogLine[] = [];
      for (const line of group) {
        this.insert.run(runId, seq, line.stepId, line.level, line.at, line.text, line.textRef ? JSON.stringify(line.textRef) : null);
        const stored: LogLine = { seq, stepId: line.stepId, level: line.level, at: line.at, text: line.text };
        if (line.textRef) stored.textRef = line.textRef;
        out.push(stored);
        seq += 1;
      }
      stored.set(runId, out);
    }
    return stored;
  }
}
