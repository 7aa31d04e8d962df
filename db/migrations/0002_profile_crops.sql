ALTER TABLE "frames" ADD COLUMN "crops" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "frames" ADD COLUMN "face_box" jsonb;