import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

/** Read URLs are short-lived and scoped to one key. */
export const READ_URL_TTL_SEC = 15 * 60;

export function presignRead(
  s3: S3Client,
  bucket: string,
  key: string,
  download?: { fileName: string },
): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(download ? { ResponseContentDisposition: contentDisposition(download.fileName) } : {}),
    }),
    { expiresIn: READ_URL_TTL_SEC },
  );
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name for browsers that read it. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
