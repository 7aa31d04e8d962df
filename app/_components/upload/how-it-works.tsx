const STEPS = [
  { title: "Upload", text: "Your clip goes straight to private storage. Nothing is shared." },
  { title: "Choose", text: "A profile picture or an action shot, how many frames, how far apart." },
  { title: "Download", text: "The sharpest, best-lit, best-composed moments, one by one or as a ZIP." },
];

/** The three steps, under the drop zone (what each plan allows follows in the plans table). */
export function HowItWorks() {
  return (
    <section aria-labelledby="how-it-works" className="space-y-6">
      <h2 id="how-it-works" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        How it works
      </h2>
      <ol className="grid gap-4 sm:grid-cols-3">
        {STEPS.map((s, i) => (
          <li key={s.title} className="rounded-xl border border-zinc-200 bg-white p-5">
            <span className="grid h-7 w-7 place-items-center rounded-full bg-indigo-50 text-sm font-semibold text-indigo-700">
              {i + 1}
            </span>
            <h3 className="mt-3 font-medium text-zinc-900">{s.title}</h3>
            <p className="mt-1 text-sm text-zinc-600">{s.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
