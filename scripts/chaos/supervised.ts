import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import path from "node:path";
import { startManaged, type ManagedProcess } from "../local/processes";

/**
 * A child (the worker, or the web app) kept running the way a process manager or Lambda would:
 * restarted whenever it dies. The chaos run kills it with SIGKILL on purpose and counts any other
 * exit as a crash. Its output goes to a log file, not the terminal, so the run's figures stay
 * readable; `sh -c 'echo $$ …; exec …'` records the pid that SIGKILL needs (startManaged runs
 * each child in its own process group, so the signal also takes its ffmpeg children).
 */

export interface CrashRecord {
  at: number;
  code: number;
  /** From the end of the log when it died: its last error line, if it printed one. */
  logTail: string;
}

export interface Supervised {
  name: string;
  logFile: string;
  crashes: CrashRecord[];
  /**
   * SIGKILLs the child and its whole process group, runs `whileDown`, then starts a new one.
   * False when there was nothing to kill (it had just died on its own, and is being restarted).
   */
  killAndRestart(whileDown?: () => Promise<void>): Promise<boolean>;
  stop(): Promise<void>;
}


/**
 * Why it died, from the end of its log: the last error line and the last line. (A fatal error
 * prints a minified source line and the whole error object first, which say nothing.)
 */
function tail(file: string): string {
  try {
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-400);
    const errorLine = lines.findLast((line) => /^(error|[A-Z]\w*Error): /.test(line)) ?? "(no error line)";
    return [errorLine, lines.at(-1) ?? ""].map((line) => (line.length > 240 ? `${line.slice(0, 240)} …` : line.trim())).join(" … ");
  } catch {
    return "(no log)";
  }
}

async function readPid(pidFile: string, child: ManagedProcess): Promise<number | undefined> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  for (let i = 0; i < 100 && !exited; i++) {
    const text = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, "utf8").trim() : "";
    if (/^\d+$/.test(text)) return Number(text);
    await sleep(50);
  }
  return undefined;
}

export function supervise(opts: {
  name: string;
  command: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
}): Supervised {
  const logFile = path.join(opts.logDir, `${opts.name}.log`);
  const pidFile = path.join(opts.logDir, `${opts.name}.pid`);
  const crashes: CrashRecord[] = [];
  let stopping = false;
  let current: { child: ManagedProcess; pid: Promise<number | undefined>; killedByUs: boolean; dead: boolean } | undefined;

  const launch = () => {
    fs.rmSync(pidFile, { force: true });
    fs.appendFileSync(logFile, `\n===== ${new Date().toISOString()} start =====\n`);
    const script = `echo $$ > "$0"; exec "$@" >> "${logFile}" 2>&1`;
    const child = startManaged(opts.name, "/bin/sh", ["-c", script, pidFile, ...opts.command], {
      cwd: opts.cwd,
      env: opts.env,
      labelWidth: 6,
    });
    const started = { child, pid: readPid(pidFile, child), killedByUs: false, dead: false };
    current = started;
    void child.exited.then(async (code) => {
      started.dead = true;
      if (stopping) return;
      // startManaged reports a death by signal as 128; any other code means it died on its own,
      // even if our SIGKILL was on its way (then killAndRestart starts the next one).
      if (started.killedByUs && code === 128) return;
      crashes.push({ at: Date.now(), code, logTail: tail(logFile) });
      if (started.killedByUs) return;
      await sleep(1000);
      if (!stopping && current === started) launch();
    });
  };
  launch();

  return {
    name: opts.name,
    logFile,
    crashes,
    async killAndRestart(whileDown) {
      const running = current;
      if (!running) return false;
      const pid = await running.pid;
      // A child that already died on its own is being restarted by the exit handler.
      if (running.dead || pid === undefined) return false;
      running.killedByUs = true;
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone: the exit handler records it as a crash
      }
      await running.child.exited;
      fs.appendFileSync(logFile, `\n===== ${new Date().toISOString()} SIGKILL by the chaos run =====\n`);
      await whileDown?.();
      if (!stopping) launch();
      return true;
    },
    async stop() {
      stopping = true;
      await current?.child.stop();
    },
  };
}
