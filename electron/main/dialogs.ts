import { fail } from '../../shared/errors';
import { text } from '../../shared/i18n/engineText';
import type { ShellDialogs, ShellFiles } from '../engine/service/types';
import type { DialogLike, ShellLike } from './deps';

const filters: Record<'xlsx' | 'html' | 'tar.gz', { name: string; extensions: string[] }> = {
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  html: { name: 'HTML report', extensions: ['html'] },
  'tar.gz': { name: 'Log bundle', extensions: ['tar.gz', 'tgz'] },
};

/** The native open/save dialogs as the engine asks for them; a cancelled dialog is null, not an error. */
export function createShellDialogs(dialog: DialogLike): ShellDialogs {
  return {
    async openWorkbook() {
      const result = await dialog.showOpenDialog({ title: 'Open a planning workbook', properties: ['openFile'], filters: [filters.xlsx] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveFile(suggestedName, kind) {
      const result = await dialog.showSaveDialog({ title: 'Save', defaultPath: suggestedName, filters: [filters[kind]] });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** Exported files handed to the system: its program for the type, or its file manager. */
export function createShellFiles(shell: ShellLike): ShellFiles {
  return {
    async open(path) {
      const problem = await shell.openPath(path);
      if (problem) fail('io', text('host.shell.openFailed', { path, problem }), { hint: text('host.shell.openFailedHint') });
    },
    showInFolder(path) {
      shell.showItemInFolder(path);
    },
  };
}
