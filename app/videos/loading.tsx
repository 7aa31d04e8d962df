export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading" className="space-y-4">
      <div className="h-8 w-48 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
      <div className="h-32 animate-pulse rounded-2xl bg-zinc-100 motion-reduce:animate-none" />
      <div className="h-32 animate-pulse rounded-2xl bg-zinc-100 motion-reduce:animate-none" />
    </div>
  );
}
