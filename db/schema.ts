import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PixelRect, StoredCrop } from "~/core/crops";
import type { Shortfall } from "~/core/shortfall";
import type { StageTimings } from "~/core/stage-timings";
import type { StoredStoryboard } from "~/core/storyboard";
import type { TimelinePoint } from "~/core/timeline";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

// ---------------------------------------------------------------------------------------------
// Owners. Anonymous visitors are users too (is_anonymous), so every row below has one owner
// column and one ownership check; signing up later moves rows from the anonymous user.
// The first four tables follow the Auth.js drizzle adapter's shape.
// ---------------------------------------------------------------------------------------------

export const users = pgTable("users", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  isAnonymous: boolean("is_anonymous").notNull().default(false),
  /** bcrypt hash for email + password accounts; null for OAuth-only and anonymous users. */
  passwordHash: text("password_hash"),
  /** Created once, the first time the user starts a checkout. */
  stripeCustomerId: text("stripe_customer_id").unique(),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------------------------------------
// Videos, jobs, frames
// ---------------------------------------------------------------------------------------------

export const videoStatus = pgEnum("video_status", ["uploading", "uploaded", "rejected"]);
export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "failed", "cancelled"]);
/** A job still waiting for a worker or running: it can be cancelled, and it holds a place in the owner's limit of open jobs. */
export const OPEN_JOB_STATUSES = ["queued", "running"] as const satisfies ReadonlyArray<(typeof jobStatus.enumValues)[number]>;
/** A job that has ended one way or another: it will never run again. */
export const FINISHED_JOB_STATUSES = ["done", "failed", "cancelled"] as const satisfies ReadonlyArray<(typeof jobStatus.enumValues)[number]>;
export const jobStage = pgEnum("job_stage", ["queued", "probing", "sampling", "scoring", "rendering", "done"]);
export const pickMode = pgEnum("pick_mode", ["profile", "action"]);
export const pickQuality = pgEnum("pick_quality", ["fast", "balanced", "best"]);
export const outputFormat = pgEnum("output_format", ["jpeg", "png", "webp"]);

export const videos = pgTable(
  "videos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: videoStatus("status").notNull().default("uploading"),
    originalName: text("original_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    s3Key: text("s3_key").notNull().unique(),
    /** Set while a multipart upload is open; cleared when it completes or is aborted. */
    multipartUploadId: text("multipart_upload_id"),
    // Probed by the worker (ffprobe), after rotation is known: width/height are as displayed.
    durationSec: doublePrecision("duration_sec"),
    fps: doublePrecision("fps"),
    width: integer("width"),
    height: integer("height"),
    codec: text("codec"),
    rotation: integer("rotation"),
    probedAt: timestamp("probed_at", { withTimezone: true, mode: "date" }),
    /** Why the worker rejected the file (not a video, too long …), shown to the user. */
    rejectReason: text("reject_reason"),
    createdAt: createdAt(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, mode: "date" }),
    /**
     * When the retention sweep removes the video with its upload: fixed by the uploader's tier at
     * upload, and moved later by each job on it (to that job's expiry), never earlier. The default
     * is only for rows written by hand: the app always sets it (core/retention-dates.ts).
     */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now() + interval '24 hours'`),
  },
  (t) => [
    index("videos_owner_created_idx").on(t.ownerId, t.createdAt.desc()),
    check("videos_size_positive", sql`${t.sizeBytes} > 0`),
  ],
);

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    videoId: uuid("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mode: pickMode("mode").notNull(),
    quality: pickQuality("quality").notNull(),
    frameCount: integer("frame_count").notNull(),
    minIntervalSec: real("min_interval_sec").notNull(),
    /**
     * Where the worker writes this job's frames, fixed at creation: rows can change owner (an
     * anonymous visitor signs up) without their objects moving.
     */
    framesPrefix: text("frames_prefix").notNull(),
    /** Requested format; the worker delivers JPEG unless the owner's tier allows this one. */
    outputFormat: outputFormat("output_format").notNull().default("jpeg"),
    status: jobStatus("status").notNull().default("queued"),
    stage: jobStage("stage").notNull().default("queued"),
    /** 0..1 within the whole job, for the progress bar. */
    progress: real("progress").notNull().default(0),
    errorReason: text("error_reason"),
    /** Why a finished job delivered fewer frames than asked for, or poor ones (core/shortfall.ts); null when it met the request. */
    shortfall: jsonb("shortfall").$type<Shortfall>(),
    /** Where the finished attempt's time went, stage by stage (core/stage-timings.ts); null until done. */
    timings: jsonb("timings").$type<StageTimings>(),
    /** The contact sheet made with the picks (core/storyboard.ts); null until done, or when none could be made. */
    storyboard: jsonb("storyboard").$type<StoredStoryboard>(),
    /** Every analysed moment's score, thinned (core/timeline.ts): the results page's timeline; null until done. */
    timeline: jsonb("timeline").$type<TimelinePoint[]>(),
    /** Times a worker has started this job (one per delivery of its message). */
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    queuedAt: timestamp("queued_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /**
     * When the job's frames and row are removed: fixed by the owner's tier when the job is created,
     * so results made on Pro keep their 30 days after Pro ends (core/retention-dates.ts).
     */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" })
      .notNull()
      .default(sql`now() + interval '24 hours'`),
  },
  (t) => [
    index("jobs_owner_created_idx").on(t.ownerId, t.createdAt.desc()),
    index("jobs_video_idx").on(t.videoId),
    check("jobs_progress_range", sql`${t.progress} >= 0 AND ${t.progress} <= 1`),
    check("jobs_frame_count_range", sql`${t.frameCount} BETWEEN 1 AND 10`),
    check("jobs_interval_range", sql`${t.minIntervalSec} >= 0.5 AND ${t.minIntervalSec} <= 10`),
  ],
);

export const frames = pgTable(
  "frames",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    /** 1 = best. */
    rank: integer("rank").notNull(),
    timestampSec: doublePrecision("timestamp_sec").notNull(),
    score: real("score").notNull(),
    /** Per-metric scores in [0, 1], keyed by metric name: why this frame won. */
    metrics: jsonb("metrics").$type<Record<string, number>>().notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    format: text("format").notNull(),
    s3Key: text("s3_key").notNull(),
    thumbKey: text("thumb_key").notNull(),
    bytes: integer("bytes").notNull(),
    /** Profile mode: the square and 4:5 crops around the face, delivered next to the frame; [] otherwise. */
    crops: jsonb("crops").$type<StoredCrop[]>().notNull().default([]),
    /** Profile mode: the face the crops are centred on, in pixels of the delivered frame; null when none was found. */
    faceBox: jsonb("face_box").$type<PixelRect>(),
    /** Added by the owner from the timeline (a moment request), not chosen by the picker. */
    manual: boolean("manual").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("frames_job_rank_idx").on(t.jobId, t.rank),
    check("frames_score_range", sql`${t.score} >= 0 AND ${t.score} <= 1`),
  ],
);

export const momentStatus = pgEnum("moment_status", ["queued", "done", "failed"]);

/**
 * A moment the owner asked to add to a done job's picks (core/manual-picks.ts). Its rank is fixed
 * when asked, so its objects' keys are known before the worker renders it; the frame it becomes
 * is a frames row with `manual`.
 */
export const momentRequests = pgTable(
  "moment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    timestampSec: doublePrecision("timestamp_sec").notNull(),
    rank: integer("rank").notNull(),
    status: momentStatus("status").notNull().default("queued"),
    errorReason: text("error_reason"),
    /** Times a worker has started on it: its writes are fenced by this, as a job's are. */
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("moment_requests_job_idx").on(t.jobId), uniqueIndex("moment_requests_job_rank_idx").on(t.jobId, t.rank)],
);

export type MomentRequest = typeof momentRequests.$inferSelect;

/**
 * Read-only links to a done job's gallery (core/share-links.ts). No owner column: a link is its
 * job's owner's, through the job, so it follows the job when a guest's work moves to an account,
 * and goes with the job when that is deleted or expires.
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    /**
     * The secret in the URL. Kept as is, unlike a password: it opens nothing the frames' own rows
     * and keys in this database do not already give, and the owner may copy the link again later.
     */
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    /** Chosen by the owner, never after the job's own expiresAt. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("share_links_job_idx").on(t.jobId)],
);

export type ShareLink = typeof shareLinks.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Quotas, sign-in attempts
// ---------------------------------------------------------------------------------------------

/**
 * One row per video counted against an owner's allowance in a period (re-runs of the same video
 * in the period are free). Kept when the video or job is deleted, so deleting does not refund;
 * released (released_at) when the job failed for a reason that was not the user's.
 */
export const quotaCharges = pgTable(
  "quota_charges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** No foreign key on purpose: the charge outlives the video. */
    videoId: uuid("video_id").notNull(),
    jobId: uuid("job_id")
      .unique()
      .references(() => jobs.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    releasedAt: timestamp("released_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("quota_charges_owner_created_idx").on(t.ownerId, t.createdAt)],
);

/** Password sign-in attempts, for rate limiting per email and per IP. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("sign_in_attempts_email_idx").on(t.email, t.createdAt),
    index("sign_in_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);

/**
 * Requests per client network and fixed time window, for the per-IP limits (core/ip-limits.ts).
 * The key is a keyed hash of the IP, never the IP itself; rows are pruned once their window is over.
 */
export const ipLimitHits = pgTable(
  "ip_limit_hits",
  {
    action: text("action").notNull(),
    clientKey: text("client_key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [primaryKey({ columns: [t.action, t.clientKey, t.windowStart] }), index("ip_limit_hits_window_idx").on(t.windowStart)],
);

// ---------------------------------------------------------------------------------------------
// Billing (Stripe). Rows mirror Stripe's state, re-read from Stripe on every event.
// ---------------------------------------------------------------------------------------------

export const subscriptions = pgTable(
  "subscriptions",
  {
    /** Stripe's subscription id (sub_…). */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Stripe's status: active, trialing, past_due, canceled, unpaid, incomplete, … */
    status: text("status").notNull(),
    priceId: text("price_id"),
    interval: text("interval"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true, mode: "date" }),
    canceledAt: timestamp("canceled_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("subscriptions_user_idx").on(t.userId)],
);

/** Webhook events already applied; inserted in the same transaction as their state change. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/** Payment history: one row per Stripe invoice. */
export const payments = pgTable(
  "payments",
  {
    /** Stripe's invoice id (in_…). */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    subscriptionId: text("subscription_id"),
    status: text("status").notNull(),
    amountDue: integer("amount_due").notNull(),
    amountPaid: integer("amount_paid").notNull(),
    currency: text("currency").notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    periodStart: timestamp("period_start", { withTimezone: true, mode: "date" }),
    periodEnd: timestamp("period_end", { withTimezone: true, mode: "date" }),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("payments_user_created_idx").on(t.userId, t.createdAt.desc())],
);

export type Video = typeof videos.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type Frame = typeof frames.$inferSelect;
export type JobStatus = (typeof jobStatus.enumValues)[number];
export type JobStage = (typeof jobStage.enumValues)[number];
export type User = typeof users.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type Payment = typeof payments.$inferSelect;
