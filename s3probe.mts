import S3rver from "s3rver";
import { S3Client, CreateBucketCommand, CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand, HeadObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
const ex = promisify(execFile);
const srv = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: "/tmp/s3t/data" });
const addr = await srv.run() as any;
const port = addr.port ?? addr[1];
const s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
await s3.send(new CreateBucketCommand({ Bucket: "dumont-test" }));
const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: "dumont-test", Key: "k/img.tar.zst", Metadata: { sha256: "abc" } }));
writeFileSync("/tmp/s3t/part1", Buffer.alloc(6*1024*1024, 1));
writeFileSync("/tmp/s3t/part2", Buffer.alloc(1024, 2));
const etags: string[] = [];
for (const n of [1,2]) {
  const url = await getSignedUrl(s3, new UploadPartCommand({ Bucket: "dumont-test", Key: "k/img.tar.zst", UploadId: up.UploadId, PartNumber: n }), { expiresIn: 600 });
  const r = await ex("curl", ["-sS", "-D", "-", "-o", "/tmp/s3t/resp", "-T", `/tmp/s3t/part${n}`, url]);
  console.log(r.stdout.slice(0, 400));
  const etag = /etag: *"?([^"\r\n]+)"?/i.exec(r.stdout)?.[1]; etags.push(etag!);
  console.log("part", n, etag, (await ex("md5sum", [`/tmp/s3t/part${n}`])).stdout.split(" ")[0]);
}
await s3.send(new CompleteMultipartUploadCommand({ Bucket: "dumont-test", Key: "k/img.tar.zst", UploadId: up.UploadId, MultipartUpload: { Parts: etags.map((e, i) => ({ ETag: `"${e}"`, PartNumber: i + 1 })) } }));
const h = await s3.send(new HeadObjectCommand({ Bucket: "dumont-test", Key: "k/img.tar.zst" }));
console.log("head", h.ContentLength, h.Metadata, h.ETag);
const g = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "dumont-test", Key: "k/img.tar.zst" }), { expiresIn: 600 });
console.log((await ex("sh", ["-c", `curl -sSf '${g}' | wc -c`])).stdout);
await srv.close();
