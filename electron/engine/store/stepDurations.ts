import type { Database, Statement } from 'better-sqlite3';
import { labEnvironmentPrefix } from '../../../shared/runModel';

/** How long steps of one kind took, newest first. */
export interface PastStepDurations {
  /** Per step kind, durations in ms of at most `perKind` succeeded steps. */
  byKind: Map<string, number[]>;
  /** The newest transfer: bytes sent over the step's whole duration (hashing and the storage's import included). */
  lastUpload: { bytes: number; durationMs: number } | null;
  /** How many runs the samples come from. */
  runs: number;
}

interface Row {
  kind: string;
  durationMs: number;
  progressJson: string | null;
  runId: string;
}

/** Image uploads of any platform (`proxmox.image.upload`, ...). */
export const isUploadKind = (kind: string): boolean => /(^|\.)image\.upload$/.test(kind);

/**
 * Durations of steps that ran and succeeded in runs that succeeded, kept
 * apart for lab rehearsals and real environments (the lab is much faster).
 * Adopted steps are left out: finding something done says nothing about
 * how long making it takes.
 */
export class StepDurations {
  private readonly select: Statement<[number, string, number], Row>;

  constructor(db: Database) {
    this.select = db.prepare(
      `SELECT s.kind AS kind, s.ended_at - s.started_at AS durationMs, s.progress_json AS progressJson, s.run_id AS runId
       FROM steps s JOIN runs r ON r.id = s.run_id
       WHERE r.state = 'succeeded' AND s.state = 'succeeded' AND s.started_at IS NOT NULL AND s.ended_at >= s.started_at
         AND (substr(r.environment, 1, ?) = ?) = ?
       ORDER BY r.created_at DESC, s.ordinal
       LIMIT 5000`,
    ) as Statement<[number, string, number], Row>;
  }

  past(lab: boolean, perKind: number): PastStepDurations {
    const rows = this.select.all(labEnvironmentPrefix.length, labEnvironmentPrefix, lab ? 1 : 0);
    const byKind = new Map<string, number[]>();
    const runs = new Set<string>();
    let lastUpload: PastStepDurations['lastUpload'] = null;
    for (const row of rows) {
      const samples = byKind.get(row.kind) ?? [];
      if (samples.length >= perKind) continue;
      samples.push(row.durationMs);
      byKind.set(row.kind, samples);
      runs.add(row.runId);
      if (lastUpload === null && isUploadKind(row.kind) && row.durationMs > 0) {
        const bytes = bytesOf(row.progressJson);
        if (bytes > 0) lastUpload = { bytes, durationMs: row.durationMs };
      }
    }
    return { byKind, lastUpload, runs: runs.size };
  }
}

function bytesOf(progressJson: string | null): number {
  if (!progressJson) return 0;
  try {
    const progress = JSON.parse(progressJson) as { bytesTotal?: unknown };
    return typeof progress.bytesTotal === 'number' ? progress.bytesTotal : 0;
  } catch {
    return 0;
  }
}
