import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { TowerInput } from './towerPlan';

/** SmartX names its media `cloudtower-<version>.<os>.<arch>.iso` (`cloudtower-v4.6.2.oe2003.x86_64.iso`). */
const isoName = /^cloudtower-(v?\d[\w.-]*?)\.([a-z][a-z0-9_]*)\.(x86_64|aarch64)\.iso$/i;

export interface IsoFile {
  path: string;
  name: string;
  size: number;
  mtimeMs: number;
  version: string;
}

export function parseIsoName(name: string): { version: string; os: string; arch: string } | null {
  const match = isoName.exec(name);
  return match ? { version: match[1]!, os: match[2]!, arch: match[3]! } : null;
}

const sameVersion = (a: string, b: string): boolean => a.replace(/^v/i, '').toLowerCase() === b.replace(/^v/i, '').toLowerCase();

function missing(input: TowerInput, dir: string, found: string[]): AppFailure {
  const wanted = `cloudtower-${input.version ?? '<version>'}.<os>.<arch>.iso`;
  return new AppFailure(
    appError('plan_invalid', found.length > 0 ? text('smartx.iso.missingFound', { wanted, dir, found: found.join(', ') }) : text('smartx.iso.missing', { wanted, dir }), {
      hint: text('smartx.iso.missingHint'),
      retryable: false,
      ...(input.cells.version ? { cell: input.cells.version } : {}),
    }),
  );
}

/**
 * The CloudTower ISO: the file the plan names, else the one next to the
 * workbook whose name says the planned version (or the only one there when
 * the plan gives no version). Missing: a plan error, before anything is created.
 */
export async function findIsoFile(input: TowerInput, workbookDir: string): Promise<IsoFile> {
  if (input.isoFile) {
    const path = isAbsolute(input.isoFile) ? input.isoFile : resolve(workbookDir, input.isoFile);
    const facts = await stat(path).catch(() => null);
    if (!facts?.isFile()) throw missing(input, workbookDir, []);
    return { path, name: basename(path), size: facts.size, mtimeMs: facts.mtimeMs, version: parseIsoName(basename(path))?.version ?? input.version ?? '' };
  }
  const names = (await readdir(workbookDir).catch(() => [] as string[])).filter((name) => parseIsoName(name) !== null).sort();
  const matching = input.version ? names.filter((name) => sameVersion(parseIsoName(name)!.version, input.version!)) : names;
  const chosen = matching.length === 1 ? matching[0] : matching.length === 0 && !input.version && names.length === 1 ? names[0] : undefined;
  if (!chosen) {
    if (matching.length > 1) {
      throw new AppFailure(appError('plan_invalid', text('smartx.iso.several', { dir: workbookDir, names: matching.join(', ') }), { hint: text('smartx.iso.severalHint'), retryable: false }));
    }
    throw missing(input, workbookDir, names);
  }
  const path = resolve(workbookDir, chosen);
  const facts = await stat(path);
  return { path, name: chosen, size: facts.size, mtimeMs: facts.mtimeMs, version: parseIsoName(chosen)!.version };
}
