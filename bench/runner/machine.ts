/** Which machine and ffmpeg produced the numbers: timings mean little without it. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { resolveFfmpeg } from "../../worker/media/binaries";

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  ffmpeg: string;
  /** 1-minute load average when the run started: above ~0.5 other work is competing for the cores. */
  load: number;
}

export function machineInfo(): MachineInfo {
  const firstLine = execFileSync(resolveFfmpeg(), ["-hide_banner", "-version"], { encoding: "utf8" }).split("\n")[0] ?? "";
  const list = cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ffmpeg: firstLine.replace(/ Copyright.*/, ""),
    load: loadavg()[0] ?? 0,
  };
}

/** Printed with the speed figures: a busy machine explains odd timings. */
export function currentLoad(): string {
  return `1-minute load average at the start: ${(loadavg()[0] ?? 0).toFixed(2)} on ${cpus().length} cores`;
}

export function describeMachine(m: MachineInfo): string {
  return `${m.date} · ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · ${m.ffmpeg} · load ${m.load.toFixed(2)}`;
}
