import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { DomainError } from "@/lib/errors";

/** Where images go: any S3-compatible service (AWS S3, MinIO, R2, B2…). */
export interface StoreConfig {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

// The machine uploads and downloads with presigned URLs, so the user's secret key never leaves the app
// and the bytes go straight between the machine and the bucket, not through the app.
const PRESIGN_SECONDS = 3_600;

export function s3Client(c: StoreConfig): S3Client {
  return new S3Client({
    endpoint: c.endpoint,
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
    maxAttempts: 3,
  });
}

/** Says what is wrong with a store in words a user can act on (wrong key, no bucket, unreachable). */
export function storeErrorMessage(e: unknown, c: Pick<StoreConfig, "endpoint" | "bucket">): string {
  const name = (e as { name?: string })?.name ?? "";
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (name === "NotFound" || name === "NoSuchBucket" || status === 404)
    return `The bucket "${c.bucket}" does not exist at ${c.endpoint}. Create it first, or check the name.`;
  if (status === 403 || name === "InvalidAccessKeyId" || name === "SignatureDoesNotMatch" || name === "AccessDenied")
    return `${c.endpoint} refused the access key for bucket "${c.bucket}". Check the access key id and secret, and that the key may read and write this bucket.`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|fetch failed/i.test(String((e as Error)?.message ?? e)))
    return `${c.endpoint} could not be reached. Check the endpoint URL.`;
  return `The object store answered: ${(e as Error)?.message ?? String(e)}`;
}

/** One cheap authenticated call, before a store is saved and before an upload starts. */
export async function checkStore(c: StoreConfig): Promise<void> {
  const s3 = s3Client(c);
  try {
    await s3.send(new HeadBucketCommand({ Bucket: c.bucket }));
  } catch (e) {
    throw new DomainError("invalid", storeErrorMessage(e, c));
  } finally {
    s3.destroy();
  }
}

export class ObjectStore {
  private readonly s3: S3Client;
  constructor(private readonly c: StoreConfig) {
    this.s3 = s3Client(c);
  }

  close(): void {
    this.s3.destroy();
  }

  async createUpload(key: string, metadata: Record<string, string>): Promise<string> {
    const r = await this.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: this.c.bucket,
        Key: key,
        Metadata: metadata,
        ContentType: "application/zstd",
      }),
    );
    if (!r.UploadId) throw new Error("the object store returned no upload id");
    return r.UploadId;
  }

  presignPart(key: string, uploadId: string, partNumber: number): Promise<string> {
    return getSignedUrl(
      this.s3,
      new UploadPartCommand({ Bucket: this.c.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: PRESIGN_SECONDS },
    );
  }

  /** Parts the store holds for an unfinished upload (after a crash, what need not be sent again). */
  async listParts(key: string, uploadId: string): Promise<{ n: number; etag: string; bytes: number }[]> {
    const r = await this.s3.send(new ListPartsCommand({ Bucket: this.c.bucket, Key: key, UploadId: uploadId }));
    return (r.Parts ?? []).map((p) => ({
      n: p.PartNumber ?? 0,
      etag: (p.ETag ?? "").replaceAll('"', ""),
      bytes: p.Size ?? 0,
    }));
  }

  async completeUpload(key: string, uploadId: string, parts: { n: number; etag: string }[]): Promise<void> {
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.c.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [...parts].sort((a, b) => a.n - b.n).map((p) => ({ PartNumber: p.n, ETag: `"${p.etag}"` })),
        },
      }),
    );
  }

  async abortUpload(key: string, uploadId: string): Promise<void> {
    await this.s3
      .send(new AbortMultipartUploadCommand({ Bucket: this.c.bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined);
  }

  async head(key: string): Promise<{ bytes: number; metadata: Record<string, string> } | null> {
    try {
      const r = await this.s3.send(new HeadObjectCommand({ Bucket: this.c.bucket, Key: key }));
      return { bytes: r.ContentLength ?? 0, metadata: r.Metadata ?? {} };
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw e;
    }
  }

  presignGet(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.c.bucket, Key: key }), {
      expiresIn: PRESIGN_SECONDS,
    });
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.c.bucket, Key: key }));
  }
}
