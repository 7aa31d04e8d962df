import { checkHealth } from "~/server/services/health";
import { getServices } from "~/server/services/runtime";

/**
 * For uptime checks: 200 when the database, the job queues and both buckets answer, 503 when any
 * does not, naming which but nothing about why (that is in the log).
 */
export async function GET(): Promise<Response> {
  const report = await checkHealth(getServices());
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

// Never prerendered or cached: every call asks the dependencies again.
export const dynamic = "force-dynamic";
