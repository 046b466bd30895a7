// Hands the reader a text file (a progress export) through the browser's download.
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  // NOTE: revoked on the next turn, not at once: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}
