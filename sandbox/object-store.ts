// The sandbox's object storage: s3rver, a local server of the S3 REST protocol (signatures, presigned
// URLs, multipart uploads), standing in for the S3-compatible bucket a user configures. No MinIO server
// can be installed from the npm registry or Debian, and s3rver speaks the same protocol to the same
// AWS SDK calls and curl requests.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

export const SANDBOX_S3 = {
  region: "us-east-1",
  bucket: "dumont-hibernate",
  accessKeyId: "S3RVER",
  secretAccessKey: "S3RVER",
} as const;

export interface SandboxObjectStore {
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function startSandboxObjectStore(opts: { port?: number; dir?: string } = {}): Promise<SandboxObjectStore> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), "dumont-s3-")));
  await mkdir(dir, { recursive: true });
  const server = new S3rver({ port: opts.port ?? 0, address: "127.0.0.1", silent: true, directory: dir });
  const addr = (await server.run()) as unknown as { port: number } | [string, number];
  const port = Array.isArray(addr) ? addr[1] : addr.port;
  const url = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({
    endpoint: url,
    region: SANDBOX_S3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: SANDBOX_S3.accessKeyId, secretAccessKey: SANDBOX_S3.secretAccessKey },
  });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: SANDBOX_S3.bucket }));
  } catch (e) {
    if (
      (e as { name?: string }).name !== "BucketAlreadyOwnedByYou" &&
      (e as { name?: string }).name !== "BucketAlreadyExists"
    )
      throw e;
  } finally {
    s3.destroy();
  }
  return {
    url,
    dir,
    close: async () => {
      await server.close();
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
