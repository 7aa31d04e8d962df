import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Partial<Record<string, string[]>>;

interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodError?: { formErrors: string[]; fieldErrors: FieldErrors } | null;
}

function dataOf(err: unknown): ErrorData | undefined {
  if (!(err instanceof TRPCClientError)) return undefined;
  return (err.data ?? undefined) as ErrorData | undefined;
}

/** The API error code ("NOT_FOUND", "BAD_REQUEST" …), when the error came from the API. */
export function errorCodeOf(err: unknown): string | undefined {
  return dataOf(err)?.code;
}

/** Per-field messages from the API's input validation, keyed by input field name. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  return dataOf(err)?.zodError?.fieldErrors ?? {};
}

/**
 * One sentence for the user. Field errors are shown next to their fields, so for a validation
 * error this returns only what belongs to no field. A fetch that never reached the server says so.
 */
export function errorMessageOf(err: unknown, fallback = "Something went wrong. Please try again."): string {
  const data = dataOf(err);
  if (data?.zodError) {
    const form = data.zodError.formErrors.join(" ");
    const hasFieldErrors = Object.values(data.zodError.fieldErrors).some((m) => m && m.length > 0);
    return form || (hasFieldErrors ? "Please correct the highlighted fields." : fallback);
  }
  if (err instanceof TRPCClientError && !data) {
    return "We could not reach the server. Check your connection and try again.";
  }
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

/** Every message in the error, field ones included: for calls that have no form to show them next to. */
export function fullErrorMessageOf(err: unknown): string {
  const zod = dataOf(err)?.zodError;
  if (!zod) return errorMessageOf(err);
  const messages = [...zod.formErrors, ...Object.values(zod.fieldErrors).flatMap((m) => m ?? [])];
  return messages.length > 0 ? messages.join(" ") : errorMessageOf(err);
}

const FINAL_CODES = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_REQUESTS",
]);

/** Query retry policy: a lost connection or a server hiccup is worth retrying; "not found" is not. */
export function retryUnlessFinal(failureCount: number, err: unknown): boolean {
  const code = errorCodeOf(err);
  return !(code && FINAL_CODES.has(code)) && failureCount < 3;
}
