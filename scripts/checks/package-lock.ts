/**
 * package-lock.json as the lock check and the SBOM read it: one schema, and the package name an
 * entry's path stands for ("node_modules/a/node_modules/@b/c" → "@b/c").
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";

const lockSchema = z.object({
  packages: z.record(
    z.string(),
    // Loose: the other fields (resolved, integrity, dependencies…) are kept, so entries compare whole.
    z.looseObject({
      version: z.string().optional(),
      license: z.string().optional(),
      hasInstallScript: z.boolean().optional(),
      dev: z.boolean().optional(),
      devOptional: z.boolean().optional(),
      os: z.array(z.string()).optional(),
      cpu: z.array(z.string()).optional(),
    }),
  ),
});
export type PackageLock = z.infer<typeof lockSchema>;

export function parsePackageLock(text: string): PackageLock {
  return lockSchema.parse(JSON.parse(text));
}

export async function readPackageLock(file: string): Promise<PackageLock> {
  return parsePackageLock(await readFile(file, "utf8"));
}

/** The package an entry's path installs, or null for the root entry (""). */
export function packageNameOf(entryPath: string): string | null {
  const at = entryPath.lastIndexOf("node_modules/");
  return at < 0 ? null : entryPath.slice(at + "node_modules/".length);
}
