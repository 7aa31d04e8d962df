/**
 * The CDK app: `npx cdk synth -c stage=dev` (from infra/). Context keys and env vars: infra/README.md.
 */
import { App } from "aws-cdk-lib";
import { buildApp, readAppOptions } from "../lib/build-app";

const app = new App();
buildApp(app, readAppOptions(app));
app.synth();
