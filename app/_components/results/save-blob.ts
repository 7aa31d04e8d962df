/** Saves a blob made in the page (e.g. a ZIP) as a download with the given name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by now; keep it a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
