import type { JobStage } from "../api/api-types";

export const STAGES: ReadonlyArray<{ stage: JobStage; label: string }> = [
  { stage: "queued", label: "Queued" },
  { stage: "probing", label: "Reading video" },
  { stage: "sampling", label: "Sampling" },
  { stage: "scoring", label: "Scoring" },
  { stage: "rendering", label: "Rendering" },
  { stage: "done", label: "Done" },
];

export function stageLabel(stage: JobStage): string {
  return STAGES.find((s) => s.stage === stage)?.label ?? stage;
}

/** queued → probing → sampling → scoring → rendering → done, with the current stage marked. */
export function StageStepper({ stage }: { stage: JobStage }) {
  const current = STAGES.findIndex((s) => s.stage === stage);
  return (
    <ol aria-label="Processing stages" className="grid grid-cols-3 gap-x-2 gap-y-4 sm:grid-cols-6">
      {STAGES.map((s, i) => {
        const state = i < current ? "complete" : i === current ? "current" : "upcoming";
        return (
          <li key={s.stage} aria-current={state === "current" ? "step" : undefined} className="flex flex-col gap-2">
            <span
              aria-hidden="true"
              className={`h-1.5 rounded-full ${
                state === "complete" ? "bg-indigo-600" : state === "current" ? "bg-indigo-400" : "bg-zinc-200"
              }`}
            />
            <span
              className={`text-xs sm:text-sm ${
                state === "current" ? "font-semibold text-indigo-700" : state === "complete" ? "text-zinc-700" : "text-zinc-500"
              }`}
            >
              {s.label}
              <span className="sr-only">
                {state === "complete" ? " (finished)" : state === "current" ? " (in progress)" : " (not started)"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
