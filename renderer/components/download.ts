// Files the API hands back as base64 (exports, attachments) saved through the browser's
// download, which in the desktop shell opens the save dialog.
export function downloadBase64(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
