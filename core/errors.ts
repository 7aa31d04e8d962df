/** The failures a user can cause, with a message for them; the API maps `code` onto its own. */
export type UserErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}
