"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ReadyVideo } from "./api/api-types";
import type { VideoMetadata } from "./upload/read-video-metadata";
import { ConfigureForm } from "./configure/configure-form";
import { DropZone } from "./upload/drop-zone";
import { Hero } from "./upload/hero";
import { HowItWorks } from "./upload/how-it-works";
import { JobView } from "./job/job-view";
import { PlansTable } from "./billing/plans-table";
import { SavedVideoConfigure } from "./configure/saved-video-configure";
import { UploadPanel } from "./upload/upload-panel";
import { UsageMeter } from "./billing/usage-meter";
import { useVideoUpload } from "./upload/use-video-upload";
import { useViewerTier } from "./billing/use-viewer-tier";

/**
 * The whole flow on one page. Before a job exists the step lives in component state
 * (select → upload → configure); from then on the job id lives in the URL (`?job=`), so a
 * reload, a bookmark or a link from My videos shows the same job. `?video=` opens the configure
 * step on a video uploaded earlier (My videos' "Find best frames").
 */
type Step =
  | { name: "select" }
  | { name: "upload"; file: File; metadata: VideoMetadata }
  | { name: "configure"; video: ReadyVideo; justUploaded: boolean };

export function FramePicker() {
  const router = useRouter();
  const params = useSearchParams();
  const jobId = params.get("job");
  const savedVideoId = params.get("video");
  const { tier, limitsNow } = useViewerTier();
  const [step, setStep] = useState<Step>({ name: "select" });

  const upload = useVideoUpload((videoId, file) =>
    setStep((current) =>
      current.name === "upload" && current.file === file
        ? {
            name: "configure",
            justUploaded: true,
            video: { videoId, name: file.name, sizeBytes: file.size, ...current.metadata },
          }
        : current,
    ),
  );

  const showJob = (id: string) => router.push(`/?job=${encodeURIComponent(id)}`, { scroll: true });
  const leaveJob = (next: Step) => {
    setStep(next);
    if (jobId || savedVideoId) router.push("/", { scroll: true });
  };
  const startOver = () => {
    upload.cancel();
    leaveJob({ name: "select" });
  };

  if (jobId) {
    return (
      <JobView
        key={jobId}
        jobId={jobId}
        onStartOver={startOver}
        onTryOtherSettings={(video) => leaveJob({ name: "configure", video, justUploaded: false })}
      />
    );
  }

  if (savedVideoId) {
    return <SavedVideoConfigure key={savedVideoId} videoId={savedVideoId} tier={tier} onJobCreated={showJob} onChooseAnother={startOver} />;
  }

  switch (step.name) {
    case "select":
      return (
        <div className="space-y-10">
          <Hero />
          <UsageMeter compact />
          <DropZone
            tier={tier}
            limitsNow={limitsNow}
            onAccept={(file, metadata) => {
              setStep({ name: "upload", file, metadata });
              void upload.start(file);
            }}
          />
          <HowItWorks />
          <PlansTable current={tier.name} />
        </div>
      );
    case "upload":
      return upload.state.phase === "idle" ? null : (
        <UploadPanel
          upload={upload.state}
          onCancel={startOver}
          onRetry={() => void upload.start(step.file)}
          onChooseAnother={startOver}
        />
      );
    case "configure":
      return (
        <ConfigureForm
          key={step.video.videoId}
          video={step.video}
          tier={tier}
          justUploaded={step.justUploaded}
          onJobCreated={showJob}
          onChooseAnother={startOver}
        />
      );
  }
}
