/** Which machine and ffmpeg produced the numbers: timings mean little without it. */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { resolveFfmpeg } from "../../worker/media/binaries";

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  ffmpeg: string;
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
  };
}

export function describeMachine(m: MachineInfo): string {
  return `${m.date} · ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB · Node ${m.node} · ${m.ffmpeg}`;
}
