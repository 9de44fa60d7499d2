/**
 * Saves text as a file through the browser's download (a blob: link, which
 * the page's CSP does not restrict: CSP governs what the page loads, not
 * what it hands to the user). A byte order mark lets Excel read UTF-8 CSV.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
  const blob = new Blob([mime.startsWith('text/csv') ? '\uFEFF' : '', text], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; give it a moment all the same.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text; false when the clipboard is not available (an insecure page, a refusing shell). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
