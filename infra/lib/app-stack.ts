import { Annotations, CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as route53Targets from "aws-cdk-lib/aws-route53-targets";
import type { Construct } from "constructs";
import { AppSecrets } from "./app-secrets";
import type { Artefacts } from "./artefacts";
import type { StageConfig } from "./config";
import { Database } from "./database";
import { EdgeProtection } from "./edge-protection";
import { Jobs } from "./jobs";
import { Migrations } from "./migrations";
import { alarmTopic, cloudFrontErrorAlarm, Monitoring } from "./monitoring";
import { Network } from "./network";
import { resolveSite, type SiteOptions } from "./site";
import { Storage } from "./storage";
import { Web } from "./web";

export interface FramePickerStackProps extends StackProps {
  config: StageConfig;
  artefacts: Artefacts;
  siteOptions: SiteOptions;
  alarmEmail?: string;
  /** The web ACL from the us-east-1 edge stack, when this stack is in another region. */
  webAclArn?: string;
}

/** The whole app for one stage; names start with `<stage>-framepicker`. */
export class FramePickerStack extends Stack {
  readonly web: Web;
  readonly jobs: Jobs;
  readonly storage: Storage;
  readonly database: Database;

  constructor(scope: Construct, id: string, props: FramePickerStackProps) {
    super(scope, id, props);
    const { config, artefacts, siteOptions } = props;
    const inUsEast1 = this.region === "us-east-1";
    if (artefacts.source === "fixtures") {
      Annotations.of(this).addWarningV2(
        "framepicker:fixtures",
        "Synthesized with the infra/test/fixtures artefacts (placeholder code): do not deploy this.",
      );
    }
    const site = resolveSite(siteOptions);
    if (site.warning) Annotations.of(this).addWarningV2("framepicker:siteUrl", site.warning);

    const network = new Network(this, "Network", config);
    const secrets = new AppSecrets(this, "Secrets", config);
    this.database = new Database(this, "Database", config, network);
    this.storage = new Storage(this, "Storage", config, { siteOrigins: site.corsOrigins });
    const migrations = new Migrations(this, "Migrations", { config, network, database: this.database, artefacts });
    this.jobs = new Jobs(this, "Jobs", { config, network, storage: this.storage, database: this.database, artefacts });
    for (const fn of [this.jobs.worker, this.jobs.deadLetterHandler, this.jobs.retentionHandler]) {
      fn.node.addDependency(migrations.resource);
    }

    let webAclArn = props.webAclArn;
    if (config.waf && !webAclArn) {
      if (!inUsEast1) throw new Error("A CLOUDFRONT web ACL must be created in us-east-1: pass webAclArn from the edge stack");
      webAclArn = new EdgeProtection(this, "EdgeProtection", config).webAcl.attrArn;
    }
    this.web = new Web(this, "Web", {
      config,
      network,
      storage: this.storage,
      database: this.database,
      jobs: this.jobs,
      secrets,
      artefacts,
      site,
      siteOptions,
      webAclArn,
      runsAfter: migrations.resource,
    });

    if (siteOptions.domainName && siteOptions.hostedZoneId && siteOptions.hostedZoneName) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
        hostedZoneId: siteOptions.hostedZoneId,
        zoneName: siteOptions.hostedZoneName,
      });
      const target = route53.RecordTarget.fromAlias(new route53Targets.CloudFrontTarget(this.web.distribution));
      new route53.ARecord(this, "SiteA", { zone, recordName: siteOptions.domainName, target });
      new route53.AaaaRecord(this, "SiteAaaa", { zone, recordName: siteOptions.domainName, target });
    }

    const topic = alarmTopic(this, "AlarmTopic", config, props.alarmEmail);
    new Monitoring(this, "Monitoring", {
      config,
      topic,
      jobs: this.jobs,
      database: this.database,
      server: this.web.server,
      distributionId: this.web.distribution.distributionId,
    });
    // CloudFront publishes its metrics in us-east-1 only; elsewhere the edge monitoring stack alarms.
    if (inUsEast1) cloudFrontErrorAlarm(this, config, this.web.distribution.distributionId, topic);

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output("SiteUrl", this.web.siteUrl, "The site");
    output("DistributionDomainName", this.web.distribution.distributionDomainName, "CloudFront domain (for -c siteUrl)");
    output("DistributionId", this.web.distribution.distributionId, "CloudFront distribution");
    output("UploadsBucketName", this.storage.uploads.bucketName, "Uploaded videos");
    output("FramesBucketName", this.storage.frames.bucketName, "Rendered frames");
    output("AssetsBucketName", this.storage.assets.bucketName, "OpenNext static assets");
    output("JobsQueueUrl", this.jobs.queue.queueUrl, "Standard jobs queue");
    output("PriorityJobsQueueUrl", this.jobs.priorityQueue.queueUrl, "Pro jobs queue");
    output("DeadLetterQueueUrl", this.jobs.deadLetterQueue.queueUrl, "Jobs dead-letter queue");
    output("AlarmTopicArn", topic.topicArn, "Alarm notifications (subscribe to it)");
    output("StripeSecretArn", secrets.stripe.secretArn, "Put the Stripe JSON here (aws secretsmanager put-secret-value)");
    output("OAuthSecretArn", secrets.oauth.secretArn, "Put the OAuth providers' JSON here");
  }
}
