import type { Message } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import { queueArnOf } from "./message-visibility";

/**
 * A received SQS message as the Lambda event source mapping hands it to the handler: what the
 * local runner (and the benchmark's cold start) pass to the very handler the Lambda runs.
 */
export function sqsRecordOf(message: Message, queueUrl: string, region: string): SQSRecord {
  const attrs = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? "1",
      SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
      SenderId: attrs.SenderId ?? "local",
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueArnOf(queueUrl, region),
    awsRegion: region,
  };
}
