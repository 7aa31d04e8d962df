/** The first thing a visitor reads: what the product does, in one line. */
export function Hero() {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-semibold tracking-tight text-balance text-zinc-900 sm:text-4xl">
        The best stills from your video, in seconds
      </h1>
      <p className="mt-3 text-base text-pretty text-zinc-600 sm:text-lg">
        Drop in a clip from your phone, GoPro or screen. Frame Picker finds the sharpest, best-lit, best-composed
        moments — a profile picture with a clear face, or an action shot at its peak.
      </p>
    </div>
  );
}
