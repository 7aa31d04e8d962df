ALTER TABLE "jobs" ADD COLUMN "expires_at" timestamp with time zone DEFAULT now() + interval '24 hours' NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "expires_at" timestamp with time zone DEFAULT now() + interval '24 hours' NOT NULL;--> statement-breakpoint
-- Rows made before expiry dates were stored keep what the sweep would have given them on the day
-- of this migration: from the job's end (the video's last activity), the owner's current tier's
-- retention (Guest 24 h, Free 7 days, Pro 30 days while a subscription is active, trialing or past due).
CREATE TEMPORARY TABLE owner_hours ON COMMIT DROP AS
SELECT u.id,
  CASE
    WHEN u.is_anonymous THEN 24
    WHEN EXISTS (
      SELECT 1 FROM subscriptions s
      WHERE s.user_id = u.id AND s.status IN ('active', 'trialing', 'past_due')
        AND (s.current_period_end IS NULL OR s.current_period_end > now())
    ) THEN 720
    ELSE 168
  END AS hours
FROM users u;--> statement-breakpoint
UPDATE jobs j SET expires_at = coalesce(j.finished_at, j.created_at) + make_interval(hours => o.hours)
FROM owner_hours o WHERE o.id = j.owner_id;--> statement-breakpoint
UPDATE videos v SET expires_at = greatest(
  greatest(v.created_at, coalesce(v.uploaded_at, v.created_at)) + make_interval(hours => o.hours),
  coalesce((SELECT max(j.expires_at) FROM jobs j WHERE j.video_id = v.id), v.created_at)
)
FROM owner_hours o WHERE o.id = v.owner_id;
