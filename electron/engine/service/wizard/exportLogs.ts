import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppFailure, fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { LogLine } from '../../../../shared/runModel';
import type { RunStore } from '../../store';
import type { Redactor } from '../../util/redactor';
import { replaceAtomically, tempPathFor } from './atomicWrite';
import { exportTarget } from './exportPaths';
import { fileContent, writeTarGz } from './tarGz';

const pageSize = 5000;

/** One line of log.txt: `time level step text`, the text's own line breaks kept. */
export function formatLogLine(line: Pick<LogLine, 'at' | 'level' | 'stepId' | 'text'>, redact: (text: string) => string): string {
  return `${new Date(line.at).toISOString()} ${line.level.toUpperCase().padEnd(5)} ${line.stepId ?? '-'} ${redact(line.text)}\n`;
}

/** Redacts every string value (not the JSON text, where a secret's quotes would be escaped and slip through). */
function redactedJson(value: unknown, redact: (text: string) => string): Buffer {
  return Buffer.from(`${JSON.stringify(value, (_key, field: unknown) => (typeof field === 'string' ? redact(field) : field), 2)}\n`, 'utf8');
}

/** The run's log lines up to `lastSeq`, one page at a time: a run may have millions. */
async function* logText(store: RunStore, runId: string, lastSeq: number, redact: (text: string) => string): AsyncGenerator<Buffer> {
  let afterSeq = 0;
  for (;;) {
    const page = store.getLogLines(runId, { afterSeq, limit: pageSize });
    const lines = page.lines.filter((line) => line.seq <= lastSeq);
    if (lines.length > 0) yield Buffer.from(lines.map((line) => formatLogLine(line, redact)).join(''), 'utf8');
    const last = page.lines.at(-1);
    if (!page.hasMore || !last || last.seq >= lastSeq) return;
    afterSeq = last.seq;
  }
}

/**
 * A support bundle for a run: run.json (the run as of now, its source
 * included), steps.json (every step with its input and error) and log.txt.
 * Lines are redacted when stored; they pass the engine's redactor again,
 * in case a secret became known after they were written.
 */
export async function exportLogBundle(deps: { store: RunStore; redactor: Redactor; dataDir: string }, runId: string, requested?: string): Promise<string> {
  const { store, redactor } = deps;
  const run = store.getRun(runId) ?? fail('not_found', text('error.run.none', { run: runId }));
  const target = await exportTarget(deps.dataDir, runId, '.logs.tar.gz', requested);
  const redact = (text: string) => redactor.redact(text);
  const { source, error, lastSeq, ...summary } = run;
  const runJson = redactedJson({ ...summary, seq: lastSeq, error, source, exportedAt: new Date().toISOString() }, redact);
  const stepsJson = redactedJson(store.getSteps(runId), redact);
  const logPath = `${tempPathFor(target)}.log`;
  try {
    await pipeline(Readable.from(logText(store, runId, lastSeq, redact)), createWriteStream(logPath, { flags: 'wx' }));
    const logBytes = (await stat(logPath)).size;
    const mtime = Math.floor(Date.now() / 1000);
    await replaceAtomically(target, (temp) =>
      writeTarGz(temp, [
        { name: 'run.json', size: runJson.length, mtime, content: runJson },
        { name: 'steps.json', size: stepsJson.length, mtime, content: stepsJson },
        { name: 'log.txt', size: logBytes, mtime, content: fileContent(logPath) },
      ]),
    );
  } catch (cause) {
    if (cause instanceof AppFailure) throw cause;
    fail('io', text('service.export.logsFailed', { path: target }), { detail: cause instanceof Error ? cause.message : String(cause) });
  } finally {
    await rm(logPath, { force: true }).catch(() => undefined);
  }
  return target;
}
