/**
 * The wait a user sees: from the click on "Find best frames" to the first picked frame loaded in
 * the gallery, in Chromium against the app as `npm run dev` runs it (web server, worker, local
 * S3/SQS and PostgreSQL on this machine). Run by bench/runner/ui-wait.ts, which passes the clip and
 * where to write the figures, and prints them against the clip's full decode.
 */
import { writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signUpOnPro } from "../../tests/e2e/helpers/account";
import { chooseSettings, expectConfigureStep, PROCESSING_TIMEOUT_MS } from "../../tests/e2e/helpers/flow";
import { UI_WAIT_ENV, UI_WAIT_SETTINGS, type UiWaitRun } from "../runner/ui-wait-protocol";

const clip = process.env[UI_WAIT_ENV.clip];
const out = process.env[UI_WAIT_ENV.out];
const runs = Number(process.env[UI_WAIT_ENV.runs] ?? "3");

/** Times kept by the page itself (performance.now()), so no round trip to Playwright is counted. */
interface PageClock {
  clickedAt: number | null;
  shownAt: number | null;
}

test("click on Find best frames → first frame shown", async ({ page }) => {
  if (!clip || !out) throw new Error(`run through npm run bench -- --sections ui (${UI_WAIT_ENV.clip} and ${UI_WAIT_ENV.out} unset)`);
  // The 1080p clip is over Free's upload cap; Pro also gets the full-size frames section 6 times.
  await signUpOnPro(page, "ui-bench");

  const results: UiWaitRun[] = [];
  for (let run = 1; run <= runs; run++) {
    await page.goto("/");
    await page.locator('input[type="file"]').setInputFiles(clip);
    await expectConfigureStep(page);
    await chooseSettings(page, UI_WAIT_SETTINGS);
    await page.evaluate(() => {
      const clock: PageClock = { clickedAt: null, shownAt: null };
      (window as unknown as { uiWait: PageClock }).uiWait = clock;
      document.addEventListener("click", (event) => {
        if (event.target instanceof Element && event.target.closest("button")?.textContent?.includes("Find best frames")) clock.clickedAt ??= performance.now();
      }, true);
      // Image loads do not bubble: a capturing listener on the document sees every one.
      document.addEventListener("load", (event) => {
        if (event.target instanceof HTMLImageElement && event.target.closest('[aria-label="Picked frames"]')) clock.shownAt ??= performance.now();
      }, true);
    });
    await page.getByRole("button", { name: "Find best frames" }).click();
    const handle = await page.waitForFunction(() => {
      const clock = (window as unknown as { uiWait: PageClock }).uiWait;
      return clock.clickedAt !== null && clock.shownAt !== null ? clock : null;
    }, undefined, { timeout: PROCESSING_TIMEOUT_MS, polling: 50 });
    const clock = (await handle.jsonValue()) as PageClock;
    // Where the wait went, from the page's own record of its requests.
    const requests = await page.evaluate(() =>
      (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd })),
    );
    const after = requests.filter((r) => r.startTime >= clock.clickedAt!);
    const created = after.find((r) => r.name.includes("/api/trpc/job.create"));
    // The status that says done brings the frames; a separate frames request is counted if one was made.
    const frames = after.find((r) => r.name.includes("/api/trpc/job.frames") && r.startTime < clock.shownAt!);
    const doneSeen = after.filter((r) => r.name.includes("/api/trpc/job.status") && r.startTime < (frames?.startTime ?? clock.shownAt!)).at(-1);
    expect(created && doneSeen, "the page created the job and asked for its status").toBeTruthy();
    const framesKnown = frames?.responseEnd ?? doneSeen!.responseEnd;
    // The job's own claim → done, as the results page reports it ("found in 2.9 s").
    const summary = await page.getByText(/found in \d+(\.\d)? s/).textContent();
    const jobSec = Number(/found in (\d+(?:\.\d)?) s/.exec(summary ?? "")?.[1]);
    expect(jobSec).toBeGreaterThan(0);
    // The job's own times (server clock, the same machine's as the page's): when it was claimed and finished.
    const jobId = new URL(page.url()).searchParams.get("job");
    const times = await page.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ 0: { json: { jobId: id } } }));
      const answer = (await (await fetch(`/api/trpc/job.status?batch=1&input=${input}`)).json()) as Array<{ result: { data: { json: { startedAt: string; finishedAt: string } } } }>;
      const { startedAt, finishedAt } = answer[0]!.result.data.json;
      // Wall-clock times on the page's performance.now() scale.
      return { claimed: Date.parse(startedAt) - performance.timeOrigin, finished: Date.parse(finishedAt) - performance.timeOrigin };
    }, jobId);
    const sec = (from: number, to: number) => (to - from) / 1000;
    results.push({
      run,
      uiSec: sec(clock.clickedAt!, clock.shownAt!),
      jobSec,
      createSec: sec(clock.clickedAt!, created!.responseEnd),
      queueSec: sec(created!.responseEnd, times.claimed),
      noticeSec: sec(times.finished, doneSeen!.responseEnd),
      doneToFramesSec: sec(doneSeen!.responseEnd, framesKnown),
      framesToShownSec: sec(framesKnown, clock.shownAt!),
    });
    console.log(`ui wait run ${run}: ${results.at(-1)!.uiSec.toFixed(2)} s (job ${jobSec} s)`);
  }
  await writeFile(out, JSON.stringify(results));
});
