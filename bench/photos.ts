/**
 * The photographs the benchmark videos are made of. All come from packages anyone can fetch
 * (bench/synth/photo-sources.ts), so nothing binary is committed. Face crops were chosen by hand:
 * 16:9 boxes around one person's head and shoulders, with no other face in them.
 */
export type PhotoPackage = "python3-skimage" | "@vladmandic/face-api";

export interface PhotoCrop {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Photo {
  /** Stable id used in the labels, e.g. "skimage/astronaut" or "face-api/sample3#middle". */
  id: string;
  package: PhotoPackage;
  /** Path inside the extracted package. */
  path: string;
  /** Size of the source file, so videos can be planned without probing it. */
  width: number;
  height: number;
  /** Region used, in source pixels; the whole photo when absent. */
  crop?: PhotoCrop;
  /** Human faces visible in the (cropped) photo. */
  faces: number;
  /** Rows (source pixels) holding every face of a group photo: a pan keeps them in view, so its label holds. */
  faceRows?: { y: number; height: number };
  description: string;
}

const SKIMAGE = "usr/lib/python3/dist-packages/skimage/data";
const FACE_API = "package/demo";

function skimage(name: string, file: string, width: number, height: number, description: string, extra: Partial<Photo> = {}): Photo {
  return { id: `skimage/${name}`, package: "python3-skimage", path: `${SKIMAGE}/${file}`, width, height, faces: 0, description, ...extra };
}

function faceApi(sample: number, part: string | null, size: [number, number], crop: PhotoCrop, faces: number, description: string, extra: Partial<Photo> = {}): Photo {
  const id = `face-api/sample${sample}${part ? `#${part}` : ""}`;
  return { id, package: "@vladmandic/face-api", path: `${FACE_API}/sample${sample}.jpg`, width: size[0], height: size[1], crop, faces, description, ...extra };
}

export const PHOTOS: readonly Photo[] = [
  // Single-face portraits (the face covers roughly 8–25% of the crop).
  skimage("astronaut", "astronaut.png", 512, 512, "astronaut in an orange suit, smiling, head and shoulders", {
    crop: { x: 48, y: 0, width: 416, height: 234 },
    faces: 1,
  }),
  skimage("camera", "camera.png", 512, 512, "grayscale cameraman looking into a camera, face in profile", {
    crop: { x: 96, y: 40, width: 384, height: 216 },
    faces: 1,
  }),
  faceApi(1, "left", [1920, 1280], { x: 0, y: 200, width: 780, height: 439 }, 1, "woman with clown make-up and a black bow, dark room"),
  faceApi(1, "right", [1920, 1280], { x: 1040, y: 120, width: 880, height: 495 }, 1, "laughing red-haired woman in a black uniform"),
  faceApi(3, "left", [1920, 1350], { x: 300, y: 180, width: 760, height: 428 }, 1, "curly blonde woman in a warmly lit bar"),
  faceApi(3, "middle", [1920, 1350], { x: 880, y: 150, width: 640, height: 360 }, 1, "smiling woman, hair pulled back, close-up"),
  faceApi(5, "bottom-left", [1920, 1398], { x: 40, y: 790, width: 800, height: 450 }, 1, "woman with long brown hair on a staircase"),
  faceApi(5, "right", [1920, 1398], { x: 1280, y: 300, width: 640, height: 360 }, 1, "woman with brown hair against a bright wall, close-up"),
  // Group photos: full-width 16:9 bands holding every face; wide enough to pan over too.
  faceApi(4, null, [1920, 1448], { x: 0, y: 0, width: 1920, height: 1080 }, 4, "four women posing in a purple-lit room", {
    faceRows: { y: 90, height: 380 },
  }),
  faceApi(6, null, [1920, 1537], { x: 0, y: 0, width: 1920, height: 1080 }, 4, "four women in front of window blinds", {
    faceRows: { y: 300, height: 510 },
  }),
  // No faces. Left out on purpose: skimage's hubble_deep_field (dark by nature, so a good frame looks
  // underexposed) and retina (a flat orange disc once zoomed, so a good pan looks low-contrast).
  skimage("coffee", "coffee.png", 600, 400, "cup of coffee on a wooden table"),
  skimage("chelsea", "chelsea.png", 451, 300, "close-up of a tabby cat (no human face)"),
  skimage("rocket", "rocket.jpg", 640, 427, "rocket on a launch pad at dusk"),
  skimage("motorcycle_left", "motorcycle_left.png", 741, 500, "red motorcycle in a workshop"),
  skimage("motorcycle_right", "motorcycle_right.png", 741, 500, "the same red motorcycle from a little further right (stereo pair)"),
  skimage("coins", "coins.png", 384, 303, "grayscale rows of old coins"),
  skimage("gravel", "gravel.png", 512, 512, "grayscale gravel texture"),
  skimage("brick", "brick.png", 512, 512, "grayscale brick wall texture"),
  skimage("grass", "grass.png", 512, 512, "grayscale grass texture"),
  skimage("ihc", "ihc.png", 512, 512, "stained tissue under a microscope"),
];

/** Size of the part of the photo that is used. */
export function photoSize(photo: Photo): { width: number; height: number } {
  return photo.crop ? { width: photo.crop.width, height: photo.crop.height } : { width: photo.width, height: photo.height };
}

export function photoById(id: string): Photo {
  const photo = PHOTOS.find((p) => p.id === id);
  if (!photo) throw new Error(`unknown photo ${id}`);
  return photo;
}
