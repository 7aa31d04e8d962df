export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="space-y-6">
      <div className="h-10 w-2/3 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
      <div className="h-64 animate-pulse rounded-2xl bg-zinc-100 motion-reduce:animate-none" />
    </div>
  );
}
