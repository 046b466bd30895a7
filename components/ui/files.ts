// The browser's part of files: handing the reader a text file (a download), and reading the one the
// reader picked in a file input. What the text means is each caller's business.

/** Hands the reader a text file through the browser's download. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  // NOTE: revoked on the next turn, not at once: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

/**
 * The file picked in the input that fired `e` (its name and text), or null when none was; the input is
 * cleared, so picking the same file again fires again.
 */
export async function pickedText(e: Event): Promise<{ name: string; text: string } | null> {
  const input = e.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return null;
  const text = await file.text();
  input.value = '';
  return { name: file.name, text };
}
