import { open } from "node:fs/promises";

/** The two CPU architectures Lambda offers, named as Lambda (and CDK's Architecture) names them. */
export type LambdaArch = "arm64" | "x86_64";
export const LAMBDA_ARCHES: readonly LambdaArch[] = ["arm64", "x86_64"];

/** Node's / npm's / ffmpeg-static's name for the same architecture. */
export function nodeArchOf(arch: LambdaArch): "arm64" | "x64" {
  return arch === "arm64" ? "arm64" : "x64";
}

export interface ElfInfo {
  arch: LambdaArch | `other (e_machine ${number})`;
  /** Has a program interpreter (ld-linux…): needs the shared libraries of the system it was built on. */
  dynamic: boolean;
}

const EM_X86_64 = 0x3e;
const EM_AARCH64 = 0xb7;
const PT_INTERP = 3;

/**
 * Reads just enough of an ELF file to tell which CPU it is for and whether it is statically
 * linked, so a wrong-architecture sharp or a distro's dynamic ffmpeg never reaches a Lambda
 * (where either fails only when the first job runs). Only 64-bit little-endian files are valid
 * for Lambda; anything else is reported as not ELF.
 */
export async function readElf(file: string): Promise<ElfInfo | null> {
  const handle = await open(file, "r");
  try {
    const header = Buffer.alloc(64);
    const { bytesRead } = await handle.read(header, 0, 64, 0);
    if (bytesRead < 64 || header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2 || header[5] !== 1) return null;
    const machine = header.readUInt16LE(18);
    const phoff = Number(header.readBigUInt64LE(32));
    const phentsize = header.readUInt16LE(54);
    const phnum = header.readUInt16LE(56);
    const table = Buffer.alloc(phentsize * phnum);
    await handle.read(table, 0, table.length, phoff);
    let dynamic = false;
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === PT_INTERP) dynamic = true;
    const arch = machine === EM_X86_64 ? "x86_64" : machine === EM_AARCH64 ? "arm64" : (`other (e_machine ${machine})` as const);
    return { arch, dynamic };
  } finally {
    await handle.close();
  }
}

/** Throws unless `file` is a 64-bit ELF for `arch`. */
export async function expectElfFor(file: string, arch: LambdaArch, what: string): Promise<ElfInfo> {
  const elf = await readElf(file);
  if (!elf) throw new Error(`${what} (${file}) is not a 64-bit Linux (ELF) binary; a ${arch} Lambda cannot run it`);
  if (elf.arch !== arch) throw new Error(`${what} (${file}) is built for ${elf.arch}, but the artefact is for ${arch}`);
  return elf;
}
