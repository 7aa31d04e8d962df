import { TRPCError } from "@trpc/server";

/** The TRPCError a call fails with; throws (failing the test) if it succeeds or fails otherwise. */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${err === null ? "success" : String(err)}`);
  return err;
}
