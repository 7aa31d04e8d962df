/** An accessible progress bar; `value` is 0..1, shown and announced as a whole percentage. */
export function ProgressBar({
  value,
  label,
  valueText,
  tone = "indigo",
}: {
  value: number;
  label: string;
  valueText?: string;
  tone?: "indigo" | "green" | "red";
}) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  const fill = { indigo: "bg-indigo-600", green: "bg-emerald-600", red: "bg-red-600" }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent} %`}
      className="h-2.5 w-full overflow-hidden rounded-full bg-zinc-200"
    >
      {/* Slid in from the left rather than widened: a moving transform is composited, where a
          changing width lays out and repaints the page on every frame of the transition. */}
      <div
        className={`h-full w-full rounded-full ${fill} transition-transform duration-300 ease-out motion-reduce:transition-none`}
        style={{ transform: `translateX(${percent - 100}%)` }}
      />
    </div>
  );
}
