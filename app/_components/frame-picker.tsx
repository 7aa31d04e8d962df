"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ReadyVideo } from "./api/api-types";
import type { VideoMetadata } from "./upload/read-video-metadata";
import { BatchFlow } from "./batch/batch-flow";
import { BatchView } from "./batch/batch-view";
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
  | { name: "configure"; video: ReadyVideo; justUploaded: boolean }
  | { name: "batch"; files: File[] };

export function FramePicker() {
  const router = useRouter();
  const params = useSearchParams();
  const jobId = params.get("job");
  const savedVideoId = params.get("video");
  const batchJobIds = batchJobIdsOf(params.get("jobs"));
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
  // `choose=1`: the results open on the timeline, for someone who knows the moment they want.
  const chooseOnTimeline = (id: string) => router.push(`/?job=${encodeURIComponent(id)}&choose=1`, { scroll: true });
  const leaveJob = (next: Step) => {
    setStep(next);
    if (jobId || savedVideoId || batchJobIds) router.push("/", { scroll: true });
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

  if (batchJobIds) return <BatchView key={batchJobIds.join()} jobIds={batchJobIds} onStartOver={startOver} />;

  if (savedVideoId) {
    return (
      <SavedVideoConfigure key={savedVideoId} videoId={savedVideoId} tier={tier} onJobCreated={showJob} onChooseMyself={chooseOnTimeline} onChooseAnother={startOver} />
    );
  }

  switch (step.name) {
    case "batch":
      return (
        <BatchFlow
          files={step.files}
          tier={tier}
          limitsNow={limitsNow}
          onJobsCreated={(ids) => router.push(ids.length === 1 ? `/?job=${encodeURIComponent(ids[0]!)}` : `/?jobs=${ids.map(encodeURIComponent).join(",")}`, { scroll: true })}
          onStartOver={startOver}
        />
      );
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
            onAcceptMany={(files) => setStep({ name: "batch", files })}
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
          videos={[step.video]}
          tier={tier}
          justUploaded={step.justUploaded}
          onJobsCreated={([id]) => showJob(id!)}
          onChooseMyself={chooseOnTimeline}
          onChooseAnother={startOver}
        />
      );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?jobs=a,b,c`: the jobs of a batch, or null when there is none (ids that are not ids are dropped). */
function batchJobIdsOf(param: string | null): string[] | null {
  const ids = (param ?? "").split(",").filter((id) => UUID.test(id));
  return ids.length > 0 ? ids : null;
}
