import type { Page } from "@playwright/test";

interface Recorded {
  uploadPercents: number[];
  stages: string[];
}

/**
 * Records, inside the page, every value the upload progress bar takes and every stage the
 * processing stepper marks as current. Polling from the test could miss short-lived states;
 * a MutationObserver sees each change the user could have seen.
 */
export async function startFlowRecorder(page: Page): Promise<{ read: () => Promise<Recorded> }> {
  await page.evaluate(() => {
    const recorded: Recorded = { uploadPercents: [], stages: [] };
    (window as unknown as { __flow: Recorded }).__flow = recorded;
    const sample = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label^="Uploading"]');
      const value = bar?.getAttribute("aria-valuenow");
      if (value !== null && value !== undefined && recorded.uploadPercents.at(-1) !== Number(value)) {
        recorded.uploadPercents.push(Number(value));
      }
      const step = document.querySelector('ol[aria-label="Processing stages"] [aria-current="step"]');
      const stage = step?.querySelector("span:not([aria-hidden])")?.firstChild?.textContent?.trim();
      if (stage && recorded.stages.at(-1) !== stage) recorded.stages.push(stage);
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return { read: () => page.evaluate(() => (window as unknown as { __flow: Recorded }).__flow) };
}
