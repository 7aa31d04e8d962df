import { Duration, Size } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { appFunction } from "./app-function";
import { WORKER_HANDLERS, type Artefacts } from "./artefacts";
import { allowList, allowObjects } from "./bucket-access";
import { JOBS_VISIBILITY_TIMEOUT, MAX_RECEIVES, WORKER_TIMEOUT, type StageConfig } from "./config";
import type { Database } from "./database";
import type { Network } from "./network";
import { FRAMES_PREFIX, UPLOADS_PREFIX, type Storage } from "./storage";
import { WORKER_PROCESS_ENV } from "../../core/worker-process";

const DEAD_LETTER_TIMEOUT = Duration.minutes(1);
const RETENTION_TIMEOUT = Duration.minutes(5);
/** How often expired videos and frames are swept (README: "every 15 minutes"). */
export const RETENTION_SCHEDULE = Duration.minutes(15);

export interface JobsProps {
  config: StageConfig;
  network: Network;
  storage: Storage;
  database: Database;
  artefacts: Artefacts;
}

/**
 * The job pipeline: the standard and priority (Pro) queues sharing one dead-letter queue, the
 * worker on both, the dead-letter handler that marks a dead job failed, and the retention sweep.
 */
export class Jobs extends Construct {
  readonly queue: sqs.Queue;
  readonly priorityQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly worker: lambda.Function;
  readonly deadLetterHandler: lambda.Function;
  readonly retentionHandler: lambda.Function;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const { config, network, storage, database, artefacts } = props;

    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      queueName: `${config.prefix}-jobs-dlq`,
      retentionPeriod: Duration.days(14),
      // The dead-letter handler consumes it: its timeout × 6, like the job queues.
      visibilityTimeout: Duration.seconds(DEAD_LETTER_TIMEOUT.toSeconds() * 6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const jobQueue = (queueId: string, name: string) =>
      new sqs.Queue(this, queueId, {
        queueName: `${config.prefix}-${name}`,
        visibilityTimeout: JOBS_VISIBILITY_TIMEOUT,
        retentionPeriod: Duration.days(4),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
      });
    this.queue = jobQueue("JobsQueue", "jobs");
    this.priorityQueue = jobQueue("PriorityJobsQueue", "jobs-priority");

    const environment = {
      ...database.connectionEnv(),
      UPLOADS_BUCKET: storage.uploads.bucketName,
      FRAMES_BUCKET: storage.frames.bucketName,
      JOBS_QUEUE_URL: this.queue.queueUrl,
      JOBS_PRIORITY_QUEUE_URL: this.priorityQueue.queueUrl,
      JOBS_DLQ_URL: this.deadLetterQueue.queueUrl,
      WORKER_MAX_RECEIVES: String(MAX_RECEIVES),
    };
    const inVpc = {
      vpc: network.vpc,
      vpcSubnets: network.functionSubnets,
      securityGroups: [network.functionsSecurityGroup],
    };

    this.worker = appFunction(this, "Worker", config, {
      name: "worker",
      description: "Processes video jobs from the standard and priority queues",
      codeDir: artefacts.workerDir,
      handler: WORKER_HANDLERS.jobs,
      memorySize: config.worker.memoryMb,
      ephemeralStorageSize: Size.mebibytes(config.worker.ephemeralStorageMb),
      timeout: WORKER_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      environment: { ...environment, ...WORKER_PROCESS_ENV },
      ...inVpc,
    });
    allowObjects(this.worker, storage.uploads, UPLOADS_PREFIX, ["s3:GetObject"]);
    // Delete and list too: after a cancel or a delete, the attempt that was running removes the
    // frames it wrote under the job's prefix (worker/process-job.ts), or they would outlive the job.
    allowObjects(this.worker, storage.frames, FRAMES_PREFIX, ["s3:PutObject", "s3:DeleteObject"]);
    allowList(this.worker, storage.frames, FRAMES_PREFIX);
    database.grantConnect(this.worker);
    // Pro jobs do not wait behind the others: their queue gets more workers.
    this.worker.addEventSource(
      new SqsEventSource(this.priorityQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: config.worker.priorityConcurrency,
      }),
    );
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: config.worker.standardConcurrency,
      }),
    );

    this.deadLetterHandler = appFunction(this, "DeadLetterHandler", config, {
      name: "dead-letters",
      description: "Hands back or fails jobs whose messages reached the dead-letter queue",
      codeDir: artefacts.workerDir,
      handler: WORKER_HANDLERS.deadLetters,
      memorySize: 512,
      timeout: DEAD_LETTER_TIMEOUT,
      environment,
      ...inVpc,
    });
    database.grantConnect(this.deadLetterHandler);
    // A job still open in the dead-letter queue lost its deliveries to dead workers: it is sent
    // back to its queue with a fresh message (worker/handler.ts, MAX_HAND_BACKS).
    this.queue.grantSendMessages(this.deadLetterHandler);
    this.priorityQueue.grantSendMessages(this.deadLetterHandler);
    this.deadLetterHandler.addEventSource(
      new SqsEventSource(this.deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );

    this.retentionHandler = appFunction(this, "RetentionHandler", config, {
      name: "retention",
      description: "Deletes expired videos and frames (S3 objects and rows)",
      codeDir: artefacts.workerDir,
      handler: WORKER_HANDLERS.retention,
      memorySize: 512,
      timeout: RETENTION_TIMEOUT,
      environment,
      ...inVpc,
    });
    database.grantConnect(this.retentionHandler);
    allowObjects(this.retentionHandler, storage.uploads, UPLOADS_PREFIX, ["s3:DeleteObject", "s3:AbortMultipartUpload"]);
    allowObjects(this.retentionHandler, storage.frames, FRAMES_PREFIX, ["s3:DeleteObject"]);
    allowList(this.retentionHandler, storage.frames, FRAMES_PREFIX);
    // Listing uploads too: the sweep removes objects whose video row is gone (orphans).
    allowList(this.retentionHandler, storage.uploads, UPLOADS_PREFIX);
    new events.Rule(this, "RetentionSchedule", {
      ruleName: `${config.prefix}-retention-sweep`,
      description: "Sweeps expired videos and frames",
      schedule: events.Schedule.rate(RETENTION_SCHEDULE),
      // A missed sweep is simply done by the next one.
      targets: [new targets.LambdaFunction(this.retentionHandler, { retryAttempts: 0 })],
    });
  }
}
