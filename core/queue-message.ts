import { z } from "zod";

/**
 * The body of a message on the jobs queue: the id (the job row holds the rest), the moment's for a
 * hand-picked one, and, on a message the dead-letter handler sent again, how many times that has
 * happened (worker/handler.ts).
 */
export const jobMessageSchema = z.object({
  jobId: z.uuid(),
  /** Set for a moment the owner added to the job's picks by hand (moment_requests): render that, not the job. */
  momentId: z.uuid().optional(),
  handBacks: z.number().int().min(0).max(100).optional(),
});
export type JobMessage = z.infer<typeof jobMessageSchema>;
