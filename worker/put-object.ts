import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/** A delivered image into the frames bucket: private, cacheable by the browser that fetched it. */
export async function putObject(s3: S3Client, bucket: string, key: string, body: Buffer, contentType: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: "private, max-age=86400" }),
  );
}
