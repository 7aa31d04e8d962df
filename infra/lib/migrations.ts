import { CustomResource, Duration, FileSystem, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { appFunction } from "./app-function";
import { MIGRATE_HANDLER, type Artefacts } from "./artefacts";
import { nagArn } from "./nag-ids";
import type { StageConfig } from "./config";
import type { Database } from "./database";
import type { Network } from "./network";

export interface MigrationsProps {
  config: StageConfig;
  network: Network;
  database: Database;
  artefacts: Artefacts;
}

/**
 * Runs db/migrations during `cdk deploy`, before new code serves: a custom resource (CDK Provider
 * framework) invokes the migration function, and the functions that use the database depend on
 * it, so CloudFormation updates them only after the migrations succeeded (a failure rolls the
 * deploy back). It re-runs whenever the migration artefact (db/migrate-handler.ts bundled with
 * db/migrations, by scripts/build/worker.ts) changes; drizzle skips what already ran.
 *
 * It connects through the RDS Proxy like the app (TLS verified against Node's CAs, which trust the
 * proxy's ACM certificate but not the instance's RDS CA). On the very first deploy the proxy's
 * target may still be registering: a failed connection fails the deploy, which can be retried.
 */
export class Migrations extends Construct {
  readonly handler: lambda.Function;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: MigrationsProps) {
    super(scope, id);
    const { config, network, database, artefacts } = props;
    this.handler = appFunction(this, "Handler", config, {
      name: "migrate",
      description: "Applies database migrations during deploys",
      codeDir: artefacts.migrateDir,
      handler: MIGRATE_HANDLER,
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: database.connectionEnv(),
      vpc: network.vpc,
      vpcSubnets: network.functionSubnets,
      securityGroups: [network.functionsSecurityGroup],
    });
    database.grantConnect(this.handler);

    const providerLogs = new logs.LogGroup(this, "ProviderLogs", {
      logGroupName: `/aws/lambda/${config.prefix}-migrate-provider`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    // Its own role, like the app's functions: its log group and (granted by the Provider) the invoke.
    const providerRole = new iam.Role(this, "ProviderRole", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${config.prefix}-migrate-provider`,
    });
    providerLogs.grantWrite(providerRole);
    Validations.of(providerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(this.handler)}:*]`,
      reason: "The CDK's custom-resource provider may invoke any version or alias of this one handler (its grant adds :*), nothing else",
    });
    const provider = new cr.Provider(this, "Provider", {
      onEventHandler: this.handler,
      providerFunctionName: `${config.prefix}-migrate-provider`,
      logGroup: providerLogs,
      frameworkOnEventRole: providerRole,
    });
    this.resource = new CustomResource(this, "Run", {
      serviceToken: provider.serviceToken,
      resourceType: "Custom::DatabaseMigrations",
      properties: { artefactHash: FileSystem.fingerprint(artefacts.migrateDir) },
    });
  }
}
