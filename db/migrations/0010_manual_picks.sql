CREATE TYPE "public"."moment_status" AS ENUM('queued', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "moment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"timestamp_sec" double precision NOT NULL,
	"rank" integer NOT NULL,
	"status" "moment_status" DEFAULT 'queued' NOT NULL,
	"error_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "frames" ADD COLUMN "manual" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "moment_requests" ADD CONSTRAINT "moment_requests_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moment_requests_job_idx" ON "moment_requests" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moment_requests_job_rank_idx" ON "moment_requests" USING btree ("job_id","rank");