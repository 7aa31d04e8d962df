import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Generous: the worker shares two cores with the web server and the browser. */
export const PROCESSING_TIMEOUT_MS = 150_000;

/** Drops a file on the drop zone the way a browser does: a real `drop` event carrying a File. */
export async function dropFile(page: Page, filePath: string, mimeType: string): Promise<void> {
  const base64 = (await readFile(filePath)).toString("base64");
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, mimeType }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    { base64, name: path.basename(filePath), mimeType },
  );
  const zone = page.getByRole("region", { name: "Drop a video here" });
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
}

/** Waits for the configure step that follows a finished upload. */
export async function expectConfigureStep(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Choose how to pick frames" })).toBeVisible({ timeout: 60_000 });
}

export interface JobSettings {
  count: number;
  intervalSec: number;
  mode?: "Profile picture" | "Action shot";
  quality?: "Fast" | "Balanced" | "Best";
}

/** Fills the configure form as a user does, without starting the job. */
export async function chooseSettings(page: Page, settings: JobSettings): Promise<void> {
  // Users click the option cards; the radio inside each card is what assistive tech sees.
  for (const option of [settings.mode, settings.quality]) {
    if (!option) continue;
    await page.getByText(option, { exact: true }).click();
    await expect(page.getByRole("radio", { name: new RegExp(`^${option}`) })).toBeChecked();
  }
  await page.getByLabel("Number of frames").fill(String(settings.count));
  await page.getByLabel("Minimum interval").fill(String(settings.intervalSec));
}

/** Fills the configure form and starts the job; returns the job id from the URL. */
export async function startJob(page: Page, settings: JobSettings): Promise<string> {
  await chooseSettings(page, settings);
  await page.getByRole("button", { name: "Find best frames" }).click();
  await page.waitForURL(/[?&]job=[0-9a-f-]{36}/);
  return new URL(page.url()).searchParams.get("job") ?? "";
}

/** Waits until the job's results are on screen and returns the gallery's items. */
export async function expectResults(page: Page, frameCount: number) {
  await expect(page.getByRole("heading", { name: "Your best frames" })).toBeVisible({ timeout: PROCESSING_TIMEOUT_MS });
  const items = page.getByRole("list", { name: "Picked frames" }).getByRole("listitem");
  // The frames arrive in a second request after the job's status says done.
  await expect(items).toHaveCount(frameCount, { timeout: 30_000 });
  return items;
}

/** "00:01.200" as shown in the gallery → "00m01s200" as used in file names. */
export function timestampToFileStamp(shown: string): string {
  const m = /^(\d{2}):(\d{2})\.(\d{3})$/.exec(shown.trim());
  if (!m) throw new Error(`not a mm:ss.mmm timestamp: ${shown}`);
  return `${m[1]}m${m[2]}s${m[3]}`;
}
