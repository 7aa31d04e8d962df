import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { accountRouter } from "./routers/account";
import { billingRouter } from "./routers/billing";
import { jobRouter } from "./routers/job";
import { shareRouter } from "./routers/share";
import { uploadRouter } from "./routers/upload";
import { videoRouter } from "./routers/video";
import { viewerRouter } from "./routers/viewer";

export const appRouter = createTRPCRouter({
  viewer: viewerRouter,
  upload: uploadRouter,
  job: jobRouter,
  video: videoRouter,
  share: shareRouter,
  account: accountRouter,
  billing: billingRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, e.g. `createCaller(() => createInnerContext(services, viewerId))` in tests. */
export const createCaller = createCallerFactory(appRouter);
