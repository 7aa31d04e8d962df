import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "~/core/errors";
import { MAX_OPEN_SHARE_LINKS, SHARE_LINK_DAYS, SHARE_LINK_GONE, SHARE_TOKEN_BYTES, SHARE_TOKEN_PATTERN, sharePath } from "~/core/share-links";
import { jobs, shareLinks, videos } from "~/db/schema";
import { framesOf, type JobDelivery } from "./frames";
import { ownedJob } from "./ownership";
import type { Services } from "./runtime";

export const createShareLinkInput = z.object({
  jobId: z.uuid(),
  /** Days the link works; null: for as long as the job's frames are kept. */
  days: z.literal(SHARE_LINK_DAYS, `A link can work for ${SHARE_LINK_DAYS.join(" or ")} days, or as long as the frames are kept.`).nullable(),
});
export const shareLinkIdInput = z.object({ linkId: z.uuid() });
export const shareTokenInput = z.object({ token: z.string().regex(SHARE_TOKEN_PATTERN, SHARE_LINK_GONE) });

/** A link as its owner sees it. */
export interface ShareLinkView {
  id: string;
  /** Site-relative (`/s/<token>`): the browser puts its own origin in front. */
  path: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What a link shows: the frames, the storyboard and the name they are downloaded under, nothing else of the owner's. */
export interface SharedGallery extends JobDelivery {
  videoName: string;
  expiresAt: Date;
}

const open = () => and(isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, sql`now()`));

function toView(link: typeof shareLinks.$inferSelect): ShareLinkView {
  return { id: link.id, path: sharePath(link.token), createdAt: link.createdAt, expiresAt: link.expiresAt };
}

/**
 * A new link to one of the viewer's finished jobs, ending after the chosen days or with the job's
 * frames, whichever is first. The job's row is locked while its open links are counted.
 */
export async function createShareLink(svc: Services, ownerId: string, input: z.infer<typeof createShareLinkInput>): Promise<ShareLinkView> {
  const job = await ownedJob(svc.db, ownerId, input.jobId);
  if (job.status !== "done") throw new UserError("PRECONDITION_FAILED", "Only a finished job's frames can be shared.");
  return svc.db.transaction(async (tx) => {
    await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, job.id)).for("update");
    const [{ count }] = (await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(shareLinks)
      .where(and(eq(shareLinks.jobId, job.id), open()))) as [{ count: number }];
    if (count >= MAX_OPEN_SHARE_LINKS) {
      throw new UserError("TOO_MANY_REQUESTS", `These frames already have ${MAX_OPEN_SHARE_LINKS} links working. Turn one off to make another.`);
    }
    const ends = input.days === null ? job.expiresAt : sql`least(now() + make_interval(days => ${input.days}), ${job.expiresAt})`;
    const [link] = await tx
      .insert(shareLinks)
      .values({ jobId: job.id, token: randomBytes(SHARE_TOKEN_BYTES).toString("base64url"), expiresAt: ends })
      .returning();
    return toView(link!);
  });
}

/** The viewer's working links to one of their jobs, oldest first. */
export async function listShareLinks(svc: Services, ownerId: string, jobId: string): Promise<{ links: ShareLinkView[] }> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  const rows = await svc.db.select().from(shareLinks).where(and(eq(shareLinks.jobId, job.id), open())).orderBy(asc(shareLinks.createdAt));
  return { links: rows.map(toView) };
}

/** Turns a link off at once; only its job's owner can, in one statement that checks both. */
export async function revokeShareLink(svc: Services, ownerId: string, linkId: string): Promise<{ ok: true }> {
  const revoked = await svc.db
    .update(shareLinks)
    .set({ revokedAt: sql`coalesce(${shareLinks.revokedAt}, now())` })
    .where(and(eq(shareLinks.id, linkId), sql`${shareLinks.jobId} in (select ${jobs.id} from ${jobs} where ${jobs.ownerId} = ${ownerId})`))
    .returning({ id: shareLinks.id });
  if (revoked.length === 0) throw new UserError("NOT_FOUND", "That link does not exist or has been deleted.");
  return { ok: true };
}

/** What anyone holding a working token may see; the same answer for every token that does not work. */
export async function sharedGallery(svc: Services, token: string): Promise<SharedGallery> {
  const [row] = await svc.db
    .select({ link: shareLinks, job: jobs, video: videos })
    .from(shareLinks)
    .innerJoin(jobs, eq(jobs.id, shareLinks.jobId))
    .innerJoin(videos, eq(videos.id, jobs.videoId))
    .where(and(eq(shareLinks.token, token), open(), eq(jobs.status, "done")));
  if (!row) throw new UserError("NOT_FOUND", SHARE_LINK_GONE);
  return { videoName: row.video.originalName, expiresAt: row.link.expiresAt, ...(await framesOf(svc, row.job, row.video)) };
}

/** sharedGallery for pages and previews: null for any token that does not work, errors of ours still thrown. */
export async function findSharedGallery(svc: Services, token: string): Promise<SharedGallery | null> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return null;
  try {
    return await sharedGallery(svc, token);
  } catch (err) {
    if (err instanceof UserError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
