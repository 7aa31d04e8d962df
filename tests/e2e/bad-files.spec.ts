import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { VIDEO_FORMATS_LABEL } from "../../core/video-files";
import { expect, test } from "./helpers/test";
import { dropFile } from "./helpers/flow";
import { makeFakeVideo, makeTempDir } from "./helpers/test-videos";

let dir: string;

test.beforeAll(async () => {
  dir = await makeTempDir("bad-files");
});

test("a text file named .mp4 is refused as soon as its bytes arrive, with a clear reason and nothing left behind", async ({ page }) => {
  const fake = await makeFakeVideo(dir, "not-really.mp4");
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles({
    name: "not-really.mp4",
    mimeType: "video/mp4",
    buffer: await readFile(fake),
  });

  // The name and type said video; the first bytes did not, so no job could ever be started.
  const reason = page.getByRole("alert").filter({ hasText: "“not-really.mp4” is not a video" });
  await expect(reason).toBeVisible();
  await expect(reason).toContainText(VIDEO_FORMATS_LABEL);
  await expect(page.getByRole("heading", { name: "The upload did not finish" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Find best frames" })).toHaveCount(0);

  await page.getByRole("button", { name: "Choose another video" }).click();
  await expect(page.getByLabel("Choose a video")).toBeAttached();
});

test("a .txt file is refused in the browser before anything is uploaded", async ({ page }) => {
  const apiCalls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/trpc/upload.") || r.method() === "PUT") apiCalls.push(`${r.method()} ${r.url()}`);
  });
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("just some notes\n"),
  });
  const error = page.getByRole("alert").filter({ hasText: "notes.txt" });
  await expect(error).toContainText("is not a video");
  await expect(error).toContainText(VIDEO_FORMATS_LABEL);
  await expect(page.getByLabel("Choose a video")).toHaveAttribute("aria-invalid", "true");

  // Dropping it is refused the same way.
  const txt = path.join(dir, "dropped.txt");
  await writeFile(txt, "dropped notes\n");
  await dropFile(page, txt, "text/plain");
  await expect(page.getByRole("alert").filter({ hasText: "dropped.txt" })).toContainText("is not a video");

  await expect(page.getByRole("progressbar")).toHaveCount(0);
  expect(apiCalls).toEqual([]);
});

test("an empty file is refused in the browser with its size", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles({ name: "empty.mp4", mimeType: "video/mp4", buffer: Buffer.alloc(0) });
  await expect(page.getByRole("alert").filter({ hasText: "empty.mp4" })).toContainText("empty (0 bytes)");
});
