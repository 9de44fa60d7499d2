import { basename, dirname, extname, join, resolve } from 'node:path';

/** `<dir>/<name>.results-<runId>.xlsx` next to the source; the run id is made safe for a file name. */
export function defaultResultsPath(sourcePath: string, runId: string): string {
  const safeId = runId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80) || 'run';
  return join(dirname(resolve(sourcePath)), `${basename(sourcePath, extname(sourcePath))}.results-${safeId}.xlsx`);
}
