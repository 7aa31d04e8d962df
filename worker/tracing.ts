import AWSXRay from "aws-xray-sdk-core";

/**
 * X-Ray for the worker Lambda (active tracing is on in infra/): each job runs in a subsegment
 * annotated with its job id, so a trace can be found by job (`annotation.jobId = "…"`). Outside
 * a traced Lambda (local runner, tests) there is no segment and nothing is recorded.
 */

// Without a trace context the SDK would log an error on every lookup.
AWSXRay.setContextMissingStrategy("IGNORE_ERROR");

export interface TraceSpan {
  addAnnotation(key: string, value: string | number | boolean): void;
  addError(error: Error | string): void;
  close(): void;
}

export type OpenSpan = (name: string) => TraceSpan | undefined;

/** A subsegment of the Lambda invocation's segment, when X-Ray is tracing this process. */
export const openXraySpan: OpenSpan = (name) => {
  if (!process.env.AWS_XRAY_DAEMON_ADDRESS) return undefined;
  return AWSXRay.getSegment()?.addNewSubsegment(name);
};

export async function withJobSpan<T>(jobId: string, run: () => Promise<T>, open: OpenSpan = openXraySpan): Promise<T> {
  const span = open("job");
  span?.addAnnotation("jobId", jobId);
  try {
    return await run();
  } catch (error) {
    span?.addError(error instanceof Error ? error : String(error));
    throw error;
  } finally {
    span?.close();
  }
}
