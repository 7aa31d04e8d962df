import { expectNoAxeViolations } from "./helpers/axe";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("share"), "party.mp4");
});

test("a share link opens the gallery in a stranger's browser, downloads work, and turning it off closes it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  await startJob(page, { count: 2, intervalSec: 1, quality: "Fast" });
  const ownerItems = await expectResults(page, 2);
  const ownerFirstTime = await ownerItems.first().getByRole("heading").textContent();

  await page.getByRole("button", { name: "Share" }).click();
  const panel = page.getByRole("region", { name: "Share these frames" });
  // A guest's frames are kept 24 hours: a day or a week would outlive them, so only "as long as kept" is offered.
  await expect(panel.getByRole("radio")).toHaveCount(1);
  await expect(panel.getByRole("radio", { name: /^As long as the frames are kept/ })).toBeChecked();
  await panel.getByRole("button", { name: "Create link" }).click();
  const linkField = panel.getByRole("textbox", { name: /^Share link, works until/ });
  await expect(linkField).toHaveCount(1);
  const url = await linkField.inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/s\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page, "the share panel");

  // Someone else, in a browser that has never seen the site.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(url);
  await expect(other.getByRole("heading", { level: 1, name: "Frames from party.mp4" })).toBeVisible();
  const items = other.getByRole("list", { name: "Picked frames" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.first().getByRole("heading")).toHaveText(ownerFirstTime ?? "");
  const downloadEvent = other.waitForEvent("download");
  await items.first().getByRole("link", { name: /^Download frame 1/ }).click();
  expect((await downloadEvent).suggestedFilename()).toMatch(/^party_\d{2}m\d{2}s\d{3}\.jpg$/);
  // Nothing to act on: no share, re-run or cancel controls for a visitor.
  await expect(other.getByRole("button", { name: /Share|Try other settings|Turn off/ })).toHaveCount(0);
  // A link preview shows the best frame, and the page asks not to be indexed.
  const image = await other.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toBe(`${url}/image`);
  const preview = await other.request.get(image!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("image/jpeg");
  await expect(other.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
  await expectNoAxeViolations(other, "a shared gallery");

  // The owner turns it off: the stranger's next visit, and the preview, find nothing.
  await panel.getByRole("button", { name: "Turn off" }).click();
  await expect(linkField).toHaveCount(0);
  await other.reload();
  await expect(other.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(other.getByRole("main")).toContainText("This link has expired or been turned off.");
  expect((await other.request.get(image!, { maxRedirects: 0 })).status()).toBe(404);
  await stranger.close();
});
