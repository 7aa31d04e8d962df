/**
 * Calls one tRPC batch request may carry. The browser's client never sends more (it splits a
 * bigger batch), and the server refuses a bigger one outright, so no single request can fan out
 * into hundreds of procedure calls. The app's busiest page sends 4 at once.
 */
export const MAX_BATCH_CALLS = 10;
