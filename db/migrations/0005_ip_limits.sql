CREATE TABLE "ip_limit_hits" (
	"action" text NOT NULL,
	"client_key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "ip_limit_hits_action_client_key_window_start_pk" PRIMARY KEY("action","client_key","window_start")
);
--> statement-breakpoint
CREATE INDEX "ip_limit_hits_window_idx" ON "ip_limit_hits" USING btree ("window_start");