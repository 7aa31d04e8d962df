import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { cyan, dim } from "./log";

/**
 * Long-running children (Next, the worker) with their output prefixed by name. Each runs in its
 * own process group so we stop it and everything it spawned (Next forks a server) in one signal,
 * and so a terminal Ctrl-C reaches only us: we stop things in order instead of all at once.
 */

export interface ManagedProcess {
  name: string;
  /** Resolves with the exit code (signal deaths count as 128). */
  exited: Promise<number>;
  stop(timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Last resort if we exit without stopping them (an exception): never leave orphans behind.
process.once("exit", () => running.forEach((child) => killGroup(child, "SIGKILL")));

function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, out: NodeJS.WriteStream): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${line}\n`));
}

export function startManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; labelWidth: number },
): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const prefix = `${cyan(name.padEnd(options.labelWidth))} ${dim("|")} `;
  pipeLines(child.stdout, prefix, process.stdout);
  pipeLines(child.stderr, prefix, process.stderr);

  const exited = new Promise<number>((resolve) => {
    child.once("error", (error) => {
      process.stderr.write(`${prefix}could not start: ${error.message}\n`);
      running.delete(child);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });

  const stop = async (timeoutMs = 10_000) => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
    // The group may outlive its leader (Next's forked server): make sure it is gone too.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // nothing left
      }
    }
  };

  return { name, exited, stop };
}
