/** The packages the photographs ship in, fetched and extracted by bench/package-cache.ts. */
import { PHOTOS, type Photo, type PhotoPackage } from "~/bench/photos";
import { ensurePackageFiles, packageFile, type PackageSource } from "../package-cache";

const SOURCES: Record<PhotoPackage, PackageSource> = {
  "python3-skimage": {
    dir: "python3-skimage",
    archive: "python3-skimage_0.19.3-8_all.deb",
    fetch: ["apt-get", "download", "python3-skimage=0.19.3-8"],
    extract: { deb: {} },
    hint: "run `apt-get update`, or put python3-skimage_0.19.3-8_all.deb (Debian 12) into bench/out/cache/",
  },
  "@vladmandic/face-api": {
    dir: "face-api",
    archive: "vladmandic-face-api-1.7.15.tgz",
    fetch: ["npm", "pack", "--silent", "@vladmandic/face-api@1.7.15"],
    extract: { tgz: { members: ["package/demo"] } },
    hint: "check npm registry access, or put vladmandic-face-api-1.7.15.tgz (from `npm pack @vladmandic/face-api@1.7.15`) into bench/out/cache/",
  },
};

/** Absolute path of a photo's source file (its package must have been fetched). */
export function photoFile(photo: Photo): string {
  return packageFile(SOURCES[photo.package], photo.path);
}

/** Makes sure every catalogued photo is on disk, fetching what is missing; throws saying what to do. */
export function ensurePhotos(log: (line: string) => void): void {
  for (const [name, source] of Object.entries(SOURCES) as Array<[PhotoPackage, PackageSource]>) {
    ensurePackageFiles(name, source, PHOTOS.filter((p) => p.package === name).map((p) => p.path), log);
  }
}
