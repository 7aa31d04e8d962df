import { describe, expect, it } from "vitest";
import { noticeFor } from "../../app/_components/job/job-end-notice";

const video = { id: "v", name: "holiday.mp4", durationSec: 8, width: 640, height: 360 };

describe("the notification a job's end makes", () => {
  it("names the video when its frames are ready", () => {
    expect(noticeFor({ status: "done", errorReason: null, video })).toEqual({
      title: "Your frames are ready",
      body: "The best frames of holiday.mp4 are waiting for you.",
    });
  });

  it("gives the reason when it failed, and a plain sentence when there is none", () => {
    expect(noticeFor({ status: "failed", errorReason: "We could not decode this video.", video })?.body).toBe("We could not decode this video.");
    expect(noticeFor({ status: "failed", errorReason: null, video })?.body).toBe("Something went wrong with holiday.mp4.");
  });

  it("says nothing about a job the visitor cancelled themselves", () => {
    expect(noticeFor({ status: "cancelled", errorReason: null, video })).toBeNull();
  });
});
