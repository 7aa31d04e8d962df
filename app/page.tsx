import { Suspense } from "react";
import { FramePicker } from "./_components/frame-picker";

/** The whole flow: upload, configure, process, results. The job id, once there is one, is in `?job=`. */
export default function HomePage() {
  return (
    <Suspense fallback={<FlowPlaceholder />}>
      <FramePicker />
    </Suspense>
  );
}

function FlowPlaceholder() {
  return (
    <div aria-busy="true" className="space-y-10">
      <div className="h-10 w-2/3 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
      <div className="h-64 animate-pulse rounded-2xl bg-zinc-100 motion-reduce:animate-none" />
    </div>
  );
}
