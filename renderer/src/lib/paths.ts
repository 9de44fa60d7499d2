/** The file name of a path from any platform (the engine may run on Windows, the tests on Linux). */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const at = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return at < 0 ? trimmed : trimmed.slice(at + 1);
}

export const maxRecentFiles = 10;

/** The recent-files list after opening `path`: it moves to the front, once. */
export function withRecentFile(recent: readonly string[], path: string, max = maxRecentFiles): string[] {
  return [path, ...recent.filter((entry) => entry !== path)].slice(0, max);
}

/** A typed path as the engine should get it: surrounding quotes (as a file manager copies them) and spaces removed. */
export function cleanTypedPath(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return (quoted ? quoted[2]! : trimmed).trim();
}

/** Whether a name looks like a workbook the engine reads. */
export function isWorkbookName(name: string): boolean {
  return /\.(xlsx|xlsm)$/i.test(name);
}
