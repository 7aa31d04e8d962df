/** What every picker is asked for: the setting (5 frames, at least 2 s apart). */
export const COUNT = 5;
export const MIN_INTERVAL_SEC = 2;
