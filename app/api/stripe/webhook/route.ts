import { handleWebhookRequest } from "~/server/billing/webhook-request";
import { getServices } from "~/server/services/runtime";

// The signature check needs the raw body and Node's crypto.
export const runtime = "nodejs";

export function POST(req: Request): Promise<Response> {
  return handleWebhookRequest(getServices(), req);
}
