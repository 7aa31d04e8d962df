/**
 * `npx tsx scripts/brand-images.ts`: draws public/'s PNGs from the app's icon (app/icon.svg) with
 * sharp: the web manifest's icons (192 and 512 px, and 180 px for iOS's home screen) and the
 * default Open Graph image (1200×630) that link previews show. The PNGs are committed; run this
 * again after changing the icon or the text below.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BRAND = "#4f46e5";

export const ICON_SIZES = [192, 512] as const;
export const APPLE_TOUCH_SIZE = 180;
export const OG_SIZE = { width: 1200, height: 630 } as const;

function ogSvg(icon: string): string {
  const inner = icon.replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_SIZE.width}" height="${OG_SIZE.height}">
  <rect width="100%" height="100%" fill="${BRAND}"/>
  <g transform="translate(96 150) scale(5)">${inner}</g>
  <text x="96" y="400" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="76" fill="#fff">Frame Picker</text>
  <text x="96" y="470" font-family="DejaVu Sans, sans-serif" font-size="34" fill="#e0e7ff">The sharpest, best-lit stills from your videos</text>
</svg>`;
}

async function main(): Promise<void> {
  const icon = await readFile(path.join(root, "app", "icon.svg"), "utf8");
  const out = path.join(root, "public");
  await mkdir(path.join(out, "icons"), { recursive: true });
  // Rendered at the target size from the vector, not scaled down from one bitmap.
  const render = (size: number) => sharp(Buffer.from(icon), { density: (72 * size) / 32 }).resize(size, size).png({ compressionLevel: 9 });
  for (const size of ICON_SIZES) await render(size).toFile(path.join(out, "icons", `icon-${size}.png`));
  await render(APPLE_TOUCH_SIZE).toFile(path.join(out, "icons", "apple-touch-icon.png"));
  await sharp(Buffer.from(ogSvg(icon))).png({ compressionLevel: 9 }).toFile(path.join(out, "og.png"));
  console.log("wrote public/icons/icon-192.png, icon-512.png, apple-touch-icon.png and public/og.png");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
