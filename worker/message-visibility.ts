import { ChangeMessageVisibilityCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import type { JobTiming } from "~/core/job-timing";

/** The jobs queues the worker reads. */
export interface JobQueues {
  sqs: SQSClient;
  /** URLs of the queues whose records the handler may get: the standard one, then the priority (Pro) one. */
  urls: readonly [standard: string, priority: string];
}

/** The queue's name: the last part of its ARN (`arn:aws:sqs:region:account:name`) or URL. */
export function queueNameOf(arnOrUrl: string): string {
  return arnOrUrl.split(/[:/]/).at(-1) ?? "";
}

/** An SQS queue's ARN from its URL, as records name it (the emulator's account id is not checked). */
export function queueArnOf(queueUrl: string, region: string): string {
  const [account = "000000000000"] = new URL(queueUrl).pathname.split("/").filter(Boolean);
  return `arn:aws:sqs:${region}:${account}:${queueNameOf(queueUrl)}`;
}

/**
 * Controls when one received message becomes visible again. Null for a record from a queue the
 * worker was not told about (then the queue's own visibility timeout applies).
 */
export function messageVisibility(queues: JobQueues, record: SQSRecord, timing: JobTiming) {
  const name = queueNameOf(record.eventSourceARN);
  const queueUrl = queues.urls.find((url) => queueNameOf(url) === name);
  if (!queueUrl) return null;
  const hideFor = (seconds: number) =>
    queues.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  return {
    /**
     * Hides the message for `runningVisibilitySec` now and again every `heartbeatSec` until the
     * returned stop function is called: if this process dies, the job is back that soon.
     */
    keepHidden(): () => Promise<void> {
      const renew = () =>
        hideFor(timing.runningVisibilitySec).catch((err: unknown) => {
          console.warn(`could not extend the visibility of message ${record.messageId}:`, err);
        });
      let inFlight = renew();
      const timer = setInterval(() => {
        inFlight = inFlight.then(renew);
      }, timing.heartbeatSec * 1000);
      // Stopping waits for a renewal in flight, so it cannot land after the retry delay is set.
      return async () => {
        clearInterval(timer);
        await inFlight;
      };
    },
    /** Brings the message back after `seconds` (a retry's backoff). */
    returnAfter: (seconds: number) => hideFor(seconds),
  };
}
