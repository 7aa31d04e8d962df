/** Presigned URLs last about 15 minutes (READ_URL_TTL_SEC): fetch fresh ones well before they run out. */
export const SIGNED_URL_REFRESH_MS = 10 * 60_000;
