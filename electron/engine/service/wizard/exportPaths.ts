import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';

/**
 * Where an export goes: the path the user chose (absolute, in an existing
 * folder; an existing file there is replaced), else
 * `<dataDir>/exports/<runId><suffix>`.
 */
export async function exportTarget(dataDir: string, runId: string, suffix: string, requested?: string): Promise<string> {
  if (requested === undefined) {
    const dir = join(dataDir, 'exports');
    await mkdir(dir, { recursive: true });
    return join(dir, `${runId.replace(/[^A-Za-z0-9._-]/g, '_')}${suffix}`);
  }
  if (!isAbsolute(requested)) fail('invalid_request', text('service.export.notAbsolute', { path: requested }), { hint: text('service.export.notAbsoluteHint', { unixExample: '/home/me/report.html', windowsExample: 'C:\\Users\\me\\report.html' }) });
  const folder = dirname(requested);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) fail('not_found', text('service.export.noFolder', { folder }), { hint: text('service.export.noFolderHint') });
  const existing = await stat(requested).catch(() => null);
  if (existing?.isDirectory()) fail('invalid_request', text('service.export.isFolder', { path: requested }));
  return requested;
}
