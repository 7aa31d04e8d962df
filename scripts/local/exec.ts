import { spawn, type SpawnOptions } from "node:child_process";

export interface ExecResult {
  code: number;
  output: string;
}

/** Runs a command to completion and captures stdout+stderr together (for error messages). */
export function exec(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Like exec, but a non-zero exit is an error that carries the command's own output. */
export async function execOrThrow(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<string> {
  const { code, output } = await exec(command, args, options);
  if (code !== 0) {
    throw new Error(`\`${[command, ...args].join(" ")}\` exited with ${code}:\n${output.trim()}`);
  }
  return output;
}

/** Runs a command with the terminal attached (apt-get, the test steps): the user sees its output live. */
export function execVisible(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: "inherit" });
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
