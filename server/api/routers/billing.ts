import { createTRPCRouter } from "~/server/api/trpc";

export const billingRouter = createTRPCRouter({});
