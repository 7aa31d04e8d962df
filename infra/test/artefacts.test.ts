import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { App } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import { checkBundle, FIXTURES_DIR, resolveArtefacts } from "../lib/artefacts";
import { readAppOptions } from "../lib/build-app";
import { readOpenNextBuild } from "../lib/open-next-output";

const fixtureOpenNext = path.join(FIXTURES_DIR, "open-next");
const fixtureOutput = () => JSON.parse(fs.readFileSync(path.join(fixtureOpenNext, "open-next.output.json"), "utf8")) as Record<string, unknown>;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture OpenNext dir with its output JSON changed. */
function openNextWith(change: (output: Record<string, unknown>) => void): string {
  const dir = tempDir("framepicker-open-next-");
  fs.cpSync(fixtureOpenNext, dir, { recursive: true });
  const output = fixtureOutput();
  change(output);
  fs.writeFileSync(path.join(dir, "open-next.output.json"), JSON.stringify(output));
  return dir;
}

describe("artefacts", () => {
  it("never falls back to fixtures silently: a missing build fails synth and names the fixtures flag", () => {
    const nowhere = path.join(os.tmpdir(), "framepicker-no-such-build");
    expect(() => resolveArtefacts({ fixtures: false, openNextDir: nowhere })).toThrow(/npx open-next build[\s\S]*-c artefacts=fixtures/);
    expect(() => resolveArtefacts({ fixtures: false, openNextDir: fixtureOpenNext, workerDir: nowhere })).toThrow(
      /No worker artefact[\s\S]*worker packaging step[\s\S]*-c artefacts=fixtures/,
    );
    const worker = path.join(FIXTURES_DIR, "worker");
    expect(() => resolveArtefacts({ fixtures: false, openNextDir: fixtureOpenNext, workerDir: worker, migrateDir: nowhere })).toThrow(
      /No migration artefact/,
    );
  });

  it("uses the fixtures only when asked, and says so", () => {
    const artefacts = resolveArtefacts({ fixtures: true });
    expect(artefacts.source).toBe("fixtures");
    expect(artefacts.openNext.dir).toBe(fixtureOpenNext);
    expect(artefacts.workerDir).toBe(path.join(FIXTURES_DIR, "worker"));
    expect(artefacts.migrateDir).toBe(path.join(FIXTURES_DIR, "migrate"));
  });

  it("checks a bundle's handler module and, from its build-info.json, its architecture and handlers", () => {
    const dir = tempDir("framepicker-worker-");
    expect(() => checkBundle(dir, ["handler.handler"], "worker artefact")).toThrow(/no handler\.mjs/);
    fs.writeFileSync(path.join(dir, "handler.mjs"), "export const handler = () => {};");
    expect(() => checkBundle(dir, ["handler.handler"], "worker artefact")).not.toThrow();
    const info = (value: unknown) => fs.writeFileSync(path.join(dir, "build-info.json"), JSON.stringify(value));
    info({ arch: "x64", handlers: ["handler.handler"] });
    expect(() => checkBundle(dir, ["handler.handler"], "worker artefact")).toThrow(/built for x64; the functions run on arm64/);
    info({ arch: "arm64", handlers: ["handler.handler"] });
    expect(() => checkBundle(dir, ["handler.handler", "handler.retentionHandler"], "worker artefact")).toThrow(
      /does not list the handlers handler\.retentionHandler/,
    );
  });

  it("reads OpenNext's bundles relative to the build directory it was given", () => {
    const build = readOpenNextBuild(fixtureOpenNext);
    expect(build.resolve(".open-next/server-functions/default")).toBe(path.join(fixtureOpenNext, "server-functions", "default"));
    expect(build.usesIncrementalCache).toBe(false);
    expect(() => build.resolve(".open-next/warmer-function")).toThrow(/does not exist/);
  });

  it("refuses an output whose tag cache needs DynamoDB, or with split functions, saying what to change", () => {
    const dynamo = openNextWith((o) => {
      (o.origins as { default: Record<string, unknown> }).default.tagCache = "dynamodb";
      (o.additionalProps as Record<string, unknown>).disableTagCache = false;
    });
    expect(() => readOpenNextBuild(dynamo)).toThrow(/tag cache is "dynamodb"[\s\S]*disableTagCache/);
    const split = openNextWith((o) => {
      (o.origins as Record<string, unknown>).api = { type: "function", handler: "index.handler", bundle: ".open-next/server-functions/api" };
    });
    expect(() => readOpenNextBuild(split)).toThrow(/origin "api"/);
  });

  it("reports a malformed output instead of synthesizing something half-right", () => {
    const broken = openNextWith((o) => delete (o as { behaviors?: unknown }).behaviors);
    expect(() => readOpenNextBuild(broken)).toThrow(/not an @opennextjs\/aws 4\.x output[\s\S]*behaviors/);
  });
});

describe("context", () => {
  const appWith = (context: Record<string, string>) => new App({ context });

  it("requires a stage", () => {
    expect(() => readAppOptions(appWith({}), {})).toThrow(/-c stage=<dev\|staging\|prod>/);
    expect(() => readAppOptions(appWith({ stage: "qa" }), {})).toThrow(/got qa/);
  });

  it("takes artefact directories from context or OPEN_NEXT_DIR / WORKER_DIR, and the region from context first", () => {
    const options = readAppOptions(appWith({ stage: "dev", openNextDir: "/a" }), {
      WORKER_DIR: "/b",
      OPEN_NEXT_DIR: "/ignored",
      CDK_DEFAULT_REGION: "eu-central-1",
    });
    expect(options.artefacts).toEqual({ fixtures: false, openNextDir: "/a", workerDir: "/b", migrateDir: undefined });
    expect(options.region).toBe("eu-central-1");
    expect(readAppOptions(appWith({ stage: "dev", region: "eu-west-1" }), { CDK_DEFAULT_REGION: "eu-central-1" }).region).toBe("eu-west-1");
    expect(readAppOptions(appWith({ stage: "prod", artefacts: "fixtures" }), {}).artefacts.fixtures).toBe(true);
    expect(() => readAppOptions(appWith({ stage: "prod", artefacts: "maybe" }), {})).toThrow(/"build" or "fixtures"/);
  });
});
