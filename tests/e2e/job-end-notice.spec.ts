import type { Page } from "@playwright/test";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

/**
 * The browser notification when a job ends. Headless Chromium shows notifications nowhere a test
 * can see, so the page's Notification is wrapped to record each one it makes (the real one still
 * runs), and "the visitor is looking at another window" is document.hasFocus() answering false,
 * which Playwright otherwise reports as true for every page.
 */
let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("notice"), "holiday.mp4");
});

async function recordNotifications(page: Page, { focused }: { focused: boolean }): Promise<void> {
  await page.context().grantPermissions(["notifications"]);
  await page.addInitScript((focused: boolean) => {
    const shown: Array<{ title: string; body?: string }> = [];
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body });
      }
    }
    Object.defineProperty(window, "Notification", { value: Recorded, configurable: true });
    Object.defineProperty(window, "shownNotifications", { value: shown });
    if (!focused) document.hasFocus = () => false;
  }, focused);
}

const shownOn = (page: Page) => page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body?: string }> }).shownNotifications);

async function runWithNoticesOn(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  const optIn = page.getByRole("checkbox", { name: "Notify me when my frames are ready" });
  // Checked once the browser has answered the permission request (a moment later, not at the click).
  await optIn.click();
  await expect(optIn).toBeChecked();
  await startJob(page, { count: 2, intervalSec: 1, quality: "Fast" });
  await expectResults(page, 2);
}

test("a visitor who asked is notified once when the frames are ready while they look elsewhere", async ({ page }) => {
  test.setTimeout(240_000);
  await recordNotifications(page, { focused: false });
  await runWithNoticesOn(page);
  await expect.poll(() => shownOn(page)).toEqual([{ title: "Your frames are ready", body: "The best frames of holiday.mp4 are waiting for you." }]);
  // The choice is kept in this browser: the next configure step has it on already.
  await page.getByRole("button", { name: "Try other settings" }).click();
  await expect(page.getByRole("checkbox", { name: "Notify me when my frames are ready" })).toBeChecked();
});

test("no notification while the page itself is in front: the results are on it", async ({ page }) => {
  test.setTimeout(240_000);
  await recordNotifications(page, { focused: true });
  await runWithNoticesOn(page);
  // Give a late notice the time a poll takes to come.
  await page.waitForTimeout(3_000);
  expect(await shownOn(page)).toEqual([]);
});
