import { parseArgs } from "node:util";

/** What one chaos run does; every figure has a flag so a quicker or harsher run is one command away. */
export interface ChaosOptions {
  /** Anonymous visitors started at once, each with one video and one job. */
  visitors: number;
  /** SIGKILL the worker this often (seconds); 0 = never. */
  killEverySec: number;
  /** Share of S3 and SQS requests the fault proxy answers with 500/503 itself. */
  errorRate: number;
  /** Seconds after the visitors start when PostgreSQL is stopped and started again; null = never. */
  pgRestartAtSec: number | null;
  /** How long PostgreSQL stays down during its restart. */
  pgDownSec: number;
  /** Seconds after the visitors start when the run stops waiting and counts what it has. */
  deadlineSec: number;
  /** JOB_TIMING_SCALE for the worker: 1 is the production policy (a killed job's message is back within 45 s). */
  timingScale: number;
}

const USAGE = `npm run chaos -- [--visitors N] [--kill-every S] [--error-rate P] [--pg-restart-at S|off] [--pg-down S] [--deadline S] [--timing-scale X]`;

function number(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number from ${min} to ${max} (got "${raw}")\n${USAGE}`);
  }
  return value;
}

export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      visitors: { type: "string", default: "100" },
      "kill-every": { type: "string", default: "10" },
      "error-rate": { type: "string", default: "0.05" },
      // Between two kills (every 10 s by default), so a crash it causes is not taken for a kill.
      "pg-restart-at": { type: "string", default: "35" },
      "pg-down": { type: "string", default: "5" },
      deadline: { type: "string", default: "1200" },
      "timing-scale": { type: "string", default: "1" },
    },
    strict: true,
  });
  return {
    visitors: Math.round(number("visitors", values.visitors, 1, 1000)),
    killEverySec: number("kill-every", values["kill-every"], 0, 3600),
    errorRate: number("error-rate", values["error-rate"], 0, 0.5),
    pgRestartAtSec: values["pg-restart-at"] === "off" ? null : number("pg-restart-at", values["pg-restart-at"], 0, 3600),
    pgDownSec: number("pg-down", values["pg-down"], 0, 120),
    deadlineSec: number("deadline", values.deadline, 10, 24 * 3600),
    timingScale: number("timing-scale", values["timing-scale"], 0.01, 1),
  };
}
