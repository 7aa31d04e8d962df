import { testEnv } from "./test-env";

// Runs in each integration worker before its test file loads, so code that reads process.env
// (core/env.ts, the AWS SDK's credential chain) sees the local stack.
Object.assign(process.env, testEnv());
