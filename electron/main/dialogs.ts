import type { ShellDialogs } from '../engine/service/types';
import type { DialogLike } from './deps';

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
