import type Stripe from "stripe";
import type { Services } from "~/server/services/runtime";
import { handleStripeEvent } from "./webhook";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * The webhook endpoint's work: verify the signature over the raw body (400 and no state change
 * when it does not match), then apply the event. A failure while applying answers 500 so Stripe
 * delivers the event again later.
 */
export async function handleWebhookRequest(svc: Pick<Services, "db" | "billing">, req: Request): Promise<Response> {
  if (!svc.billing) return text(503, "Billing is not configured");
  const signature = req.headers.get("stripe-signature");
  if (!signature) return text(400, "Missing Stripe-Signature header");
  const payload = await req.text();
  let event: Stripe.Event;
  try {
    event = await svc.billing.stripe.webhooks.constructEventAsync(payload, signature, svc.billing.webhookSecret);
  } catch {
    return text(400, "Invalid signature");
  }
  try {
    const outcome = await handleStripeEvent(svc, event);
    return Response.json({ received: true, outcome });
  } catch (error) {
    console.error(`stripe webhook: applying ${event.type} ${event.id} failed:`, error);
    return text(500, "Could not apply the event; Stripe will retry");
  }
}
