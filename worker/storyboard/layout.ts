import { STORYBOARD_LAYOUT, type StoryboardTile } from "~/core/storyboard";

/** How many stretches the video is cut into: one per few seconds, never too few or too many to read. */
export function storyboardTileCount(durationSec: number): number {
  const { secondsPerTile, minTiles, maxTiles } = STORYBOARD_LAYOUT;
  return Math.min(maxTiles, Math.max(minTiles, Math.ceil(durationSec / secondsPerTile)));
}

/** The middle of slot `index` of `count`: the moment its tile should show. */
export function slotMiddle(durationSec: number, count: number, index: number): number {
  return ((index + 0.5) * durationSec) / count;
}

/** The slot a moment falls in. */
export function slotOf(timestampSec: number, durationSec: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor((timestampSec / Math.max(durationSec, 1e-6)) * count)));
}

/** A tile with the video's shape, long side STORYBOARD_LAYOUT.tileLongSide, even sides (what ffmpeg scales to). */
export function tileSize(videoWidth: number, videoHeight: number): { width: number; height: number } {
  const { tileLongSide } = STORYBOARD_LAYOUT;
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return videoWidth >= videoHeight
    ? { width: tileLongSide, height: even((tileLongSide * videoHeight) / videoWidth) }
    : { width: even((tileLongSide * videoWidth) / videoHeight), height: tileLongSide };
}

/** Where each of `moments` goes on the sheet: rows of up to `columns`, left to right, each tile with its time underneath. */
export function sheetLayout(moments: readonly number[], tile: { width: number; height: number }): { width: number; height: number; tiles: StoryboardTile[] } {
  const { gap, labelHeight } = STORYBOARD_LAYOUT;
  const columns = Math.min(STORYBOARD_LAYOUT.columns, Math.max(1, moments.length));
  const rows = Math.max(1, Math.ceil(moments.length / columns));
  const cellHeight = tile.height + labelHeight;
  return {
    width: gap + columns * (tile.width + gap),
    height: gap + rows * (cellHeight + gap),
    tiles: moments.map((timestampSec, i) => ({
      timestampSec,
      x: gap + (i % columns) * (tile.width + gap),
      y: gap + Math.floor(i / columns) * (cellHeight + gap),
      width: tile.width,
      height: tile.height,
    })),
  };
}

/** "1:05", "12:30", "1:02:03": the tile's time as a player shows it. */
export function tileLabel(timestampSec: number): string {
  const s = Math.floor(Math.max(0, timestampSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
