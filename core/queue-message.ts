import { z } from "zod";

/** The body of a message on the jobs queue: only the id; the job row holds the rest. */
export const jobMessageSchema = z.object({ jobId: z.uuid() });
export type JobMessage = z.infer<typeof jobMessageSchema>;
